using System.Text.Json;
using Mammo.Data;
using Mammo.Tests.Support;

namespace Mammo.Tests.Cli;

/// <summary>The console verbs that had no test: synth, cv, and evaluate --report. Each is run as a user would run it.</summary>
public sealed class ConsoleVerbTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Synth_writes_a_loadable_dataset_that_its_seed_reproduces_byte_for_byte()
    {
        string Synth(string name, int seed)
        {
            var output = directory.File(name);
            var result = MammoProcess.Run("synth", "--out", output, "--cases", "12", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Contains("oracle AUC", result.Out);
            return output;
        }

        var first = Synth("a", 4);
        var again = Synth("b", 4);
        var other = Synth("c", 5);

        static Dictionary<string, byte[]> Files(string root) => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes);
        var a = Files(first);
        var b = Files(again);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        Assert.All(a, pair => Assert.True(pair.Value.AsSpan().SequenceEqual(b[pair.Key]), $"{pair.Key} differs between two runs with seed 4"));
        Assert.True(File.Exists(Path.Combine(first, "synthetic.json")));

        // Every row of every CSV finds its ROI, and the ROIs decode.
        var csvs = Directory.GetFiles(first, "*.csv");
        Assert.Equal(2, csvs.Length);
        var rows = 0;
        foreach (var csv in csvs)
        {
            var dataset = MassDataset.Load(csv, Path.Combine(first, "roi"));
            Assert.Empty(dataset.Skipped);
            Assert.NotEqual(0, dataset.Count);
            rows += dataset.Count;
            var roi = Mammo.Rois.RoiReader.Read(dataset.Items[0].RoiPath, dataset.RoiOptions);
            Assert.NotNull(roi.Lesion);
        }

        Assert.Equal(rows, a.Keys.Count(k => k.EndsWith(".h5", StringComparison.Ordinal)));
        Assert.NotEqual(File.ReadAllBytes(csvs[0]), File.ReadAllBytes(Path.Combine(other, Path.GetFileName(csvs[0]))));
    }

    [Fact]
    public void Cv_pools_every_row_out_of_fold_and_writes_the_json()
    {
        var output = directory.File("cv.json");
        var result = MammoProcess.Run(
            "cv", "--csv", SmallSynthetic.Data.Splits[0].CsvPath, "--roi-root", SmallSynthetic.Data.RoiDirectory, "--folds", "3",
            "--seed", "2", "--json", output, "--cache", SmallSynthetic.CacheDirectory, "--plots", directory.File("plots"));
        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var plot in new[] { "roc.png", "scores.png", "calibration.png", "confusion.png" })
        {
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(directory.File("plots"), plot))[..4]);
        }

        // The reliability table accounts for every pooled row.
        var binRows = result.Out.Split('\n').SkipWhile(l => !l.StartsWith("calibration", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith("  0.", StringComparison.Ordinal) || l.StartsWith("  1.", StringComparison.Ordinal))
            .Sum(l => int.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(SmallSynthetic.Train.Count, binRows);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var root = json.RootElement;
        Assert.Equal(SmallSynthetic.Train.Count, root.GetProperty("count").GetInt32());
        Assert.Equal(SmallSynthetic.Train.Records.Count(r => r.IsMalignant), root.GetProperty("positives").GetInt32());
        Assert.InRange(root.GetProperty("auc").GetDouble(), 0, 1);
        var confusion = root.GetProperty("confusion");
        var total = new[] { "tp", "fp", "tn", "fn" }.Sum(k => confusion.GetProperty(k).GetInt32());
        Assert.Equal(SmallSynthetic.Train.Count, total);
    }

    [Fact]
    public void Evaluate_report_writes_the_markdown_the_metrics_five_plots_the_gallery_and_the_network_view()
    {
        var model = directory.File("model.zip");
        SmallSynthetic.Model.Save(model);
        var report = directory.File("report");
        var result = MammoProcess.Run(
            "evaluate", "--model", model, "--csv", SmallSynthetic.Data.Splits[1].CsvPath, "--roi-root", SmallSynthetic.Data.RoiDirectory,
            "--report", report, "--gallery", "1", "--cache", SmallSynthetic.CacheDirectory);
        Assert.True(result.ExitCode == 0, result.Error);

        var markdown = File.ReadAllText(Path.Combine(report, "report.md"));
        foreach (var plot in new[] { "roc.png", "scores.png", "calibration.png", "validation-curve.png", "confusion.png" })
        {
            Assert.Contains($"({plot})", markdown);
            var bytes = File.ReadAllBytes(Path.Combine(report, plot));
            Assert.True(bytes.Length > 1000, $"{plot} is {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "metrics.json")));
        Assert.Equal(JsonValueKind.Object, metrics.RootElement.ValueKind);
        Assert.Contains("AUC", markdown);
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp*", SearchOption.AllDirectories));

        // The explanation gallery (one row per kind: each costs 50 network passes) and the "what the network sees" panel.
        Assert.Contains("## Where the model looks", markdown);
        Assert.Contains("![What the network sees](network-view.png)", markdown);
        var gallery = Directory.GetFiles(report, "gallery-*.png");
        Assert.InRange(gallery.Length, 1, 3); // one row per kind at most
        foreach (var picture in gallery.Append(Path.Combine(report, "network-view.png")))
        {
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, File.ReadAllBytes(picture).Take(8));
            Assert.Contains($"]({Path.GetFileName(picture)})", markdown);
        }

        Assert.Contains(gallery, g => g.EndsWith("true-positive.png", StringComparison.Ordinal));
    }
}
