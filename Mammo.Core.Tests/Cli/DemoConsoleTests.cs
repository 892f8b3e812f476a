using System.Diagnostics;
using System.Text.Json;
using Mammo.Tests.Support;

namespace Mammo.Tests.Cli;

public sealed class DemoConsoleTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void A_small_demo_writes_a_report_consistent_metrics_and_a_loadable_model()
    {
        // 12 lesions is near the least the demo can split by patient; seed 1 gives a test split with both classes.
        // One explained row per kind: each costs about 50 network passes.
        var output = directory.File("demo");
        var result = MammoProcess.Run("demo", "--cases", "12", "--seed", "1", "--gallery", "1", "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Mammo evaluation report", File.ReadAllText(Path.Combine(output, "report.md")));
        Assert.InRange(Directory.GetFiles(output, "gallery-*.png").Length, 1, 3);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        var root = json.RootElement;
        Assert.True(File.Exists(root.GetProperty("dataset").GetString()), "metrics.json names a test CSV that is not under --out");
        var auc = root.GetProperty("auc").GetDouble();
        Assert.InRange(auc, 0, 1);
        Assert.InRange(root.GetProperty("lesionAuc").GetDouble(), 0, 1);
        foreach (var level in new[] { root, root.GetProperty("lesion") })
        {
            var confusion = level.GetProperty("confusion");
            int Count(string name) => confusion.GetProperty(name).GetInt32();
            Assert.Equal(level.GetProperty("count").GetInt32(), Count("tp") + Count("fp") + Count("tn") + Count("fn"));
            Assert.Equal(level.GetProperty("positives").GetInt32(), Count("tp") + Count("fn"));
        }

        // Every row of the test CSV is scored or listed as skipped, and its malignant rows are the positives.
        var test = root.GetProperty("testDataset");
        Assert.Equal(test.GetProperty("rows").GetInt32(), root.GetProperty("count").GetInt32() + root.GetProperty("skipped").GetArrayLength());
        Assert.Equal(test.GetProperty("malignant").GetInt32(), root.GetProperty("positives").GetInt32());
        Assert.Equal(test.GetProperty("lesions").GetInt32(), root.GetProperty("lesion").GetProperty("count").GetInt32());

        var model = MassClassifier.Load(Path.Combine(output, "model.zip"));
        var roi = Directory.EnumerateFiles(Path.Combine(output, "data"), "*.h5", SearchOption.AllDirectories).First();
        Assert.InRange(model.Predict(roi).Probability, 0, 1);
        Assert.Empty(Directory.EnumerateFiles(output, "*.mammo-tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_demo_whose_test_split_has_one_class_writes_undefined_figures_as_null()
    {
        // 12 lesions under the default seed leave one class in the test split: the AUC is undefined, not a crash.
        var output = directory.File("demo");
        var result = MammoProcess.Run("demo", "--cases", "12", "--gallery", "0", "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        var positives = json.RootElement.GetProperty("positives").GetInt32();
        Assert.True(positives == 0 || positives == json.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("auc").ValueKind);

        // --gallery 0 leaves the explanations out of the report.
        Assert.Empty(Directory.GetFiles(output, "gallery-*.png"));
        Assert.DoesNotContain("## Where the model looks", File.ReadAllText(Path.Combine(output, "report.md")));
    }

    [Fact]
    public void A_gallery_size_that_is_negative_or_not_a_number_or_without_a_report_is_refused_when_the_command_line_is_parsed()
    {
        var output = directory.File("demo");
        foreach (var (arguments, message) in new[]
        {
            (new[] { "demo", "--gallery", "-1", "--out", output }, "--gallery: -1 rows; give 0 or more"),
            (new[] { "demo", "--gallery", "abc", "--out", output }, "Cannot parse argument 'abc' for option '--gallery'"),
            (new[] { "evaluate", "--model", SmallSynthetic.Data.Splits[1].CsvPath, "--csv", SmallSynthetic.Data.Splits[1].CsvPath, "--roi-root", SmallSynthetic.Data.RoiDirectory, "--gallery", "1" }, "--gallery sets the report's explanations: give --report DIR too"),
        })
        {
            var result = MammoProcess.Run(arguments);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains(message, result.Error);
            Assert.DoesNotContain("   at ", result.Error);
        }

        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_demo_killed_while_training_leaves_no_output_folder()
    {
        // Killed after its dataset is generated: neither data, cache nor report may appear under --out.
        var parent = Directory.CreateDirectory(directory.File("runs")).FullName;
        var output = Path.Combine(parent, "demo");
        using (var process = Start(["demo", "--cases", "40", "--seed", "1", "--out", output]))
        {
            using var training = new ManualResetEventSlim();
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data?.StartsWith("2/5", StringComparison.Ordinal) == true)
                {
                    training.Set();
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            Assert.True(training.Wait(TimeSpan.FromMinutes(2)), "the demo never reached training");
            Assert.False(process.HasExited, "the demo finished before it could be interrupted");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        Assert.False(Directory.Exists(output), "a killed demo left its output folder");
        Assert.All(Directory.EnumerateFileSystemEntries(parent), e => Assert.EndsWith(".mammo-tmp", e, StringComparison.Ordinal));
    }

    [Fact]
    public void A_train_run_killed_mid_featurisation_leaves_no_model_file_and_the_next_run_writes_a_whole_one()
    {
        var output = Directory.CreateDirectory(directory.File("out")).FullName;
        var model = Path.Combine(output, "model.zip");
        string[] arguments = ["train", "--csv", SmallSynthetic.Data.Splits[0].CsvPath, "--roi-root", SmallSynthetic.Data.RoiDirectory, "--out", model, "--cache", directory.File("cache")];

        using (var process = Start(arguments))
        {
            using var started = new ManualResetEventSlim();
            void Watch(object sender, DataReceivedEventArgs e)
            {
                if (e.Data?.Contains("featurize", StringComparison.Ordinal) == true)
                {
                    started.Set();
                }
            }

            process.OutputDataReceived += Watch;
            process.ErrorDataReceived += Watch;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            Assert.True(started.Wait(TimeSpan.FromMinutes(2)), "the run never reported featurisation progress");
            Assert.False(process.HasExited, "the run finished before it could be interrupted");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        Assert.False(File.Exists(model));
        Assert.All(Directory.EnumerateFiles(output), f => Assert.EndsWith(".mammo-tmp", f, StringComparison.Ordinal));

        // Run again to the end: a whole, loadable model, and no temporary file beside it.
        var again = MammoProcess.Run(arguments);
        Assert.True(again.ExitCode == 0, again.Error);
        var reloaded = MassClassifier.Load(model);
        Assert.InRange(reloaded.Training.TrainingRows, 1, SmallSynthetic.Train.Records.Count);
        Assert.InRange(reloaded.Predict(Path.Combine(SmallSynthetic.Data.RoiDirectory, SmallSynthetic.Test.Records[0].CaseKey + ".h5")).Probability, 0, 1);
        Assert.Equal(["model.zip"], Directory.EnumerateFiles(output).Select(Path.GetFileName));
    }

    private static Process Start(string[] arguments)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(SharedData.RepositoryRoot, "samples", "Mammo.Cli", "bin", configuration, "net10.0", "mammo.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
