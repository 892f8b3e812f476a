using System.Text.Json;
using Mammo.Tests.Support;

namespace Mammo.Tests.Cli;

public sealed class ConsoleTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Stats_json_reproduces_the_official_test_file_counts()
    {
        var csv = SharedData.Require("cbis-ddsm/mass_case_description_test_set.csv");
        var result = MammoProcess.Run("stats", "--csv", csv, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(378, root.GetProperty("rows").GetInt32());
        Assert.Equal(201, root.GetProperty("patients").GetInt32());
        Assert.Equal(147, root.GetProperty("malignant").GetInt32());
        Assert.Equal(231, root.GetProperty("benign").GetInt32());
        Assert.Equal(37, root.GetProperty("benignWithoutCallback").GetInt32());
        Assert.Equal("BENIGN", root.GetProperty("majorityClass").GetString());
        Assert.Equal(231.0 / 378, root.GetProperty("majorityBaselineAccuracy").GetDouble(), 5);
    }

    [Fact]
    public void Broken_inputs_give_one_clear_line_and_exit_code_2()
    {
        var csv = TestFiles.WriteText(directory, "broken.csv", TestFiles.Csv(TestFiles.MassHeader, TestFiles.MassRow(pathology: "UNSURE")));
        var h5 = TestFiles.WriteText(directory, "P_00001_LEFT_CC_1.h5", "not hdf5 at all");
        var model = directory.File("model.zip");
        SmallSynthetic.Model.Save(model);
        foreach (var (arguments, named) in new[]
        {
            (new[] { "stats", "--csv", csv }, csv),
            (new[] { "predict", "--model", model, h5 }, h5),
            (new[] { "predict", "--model", h5, h5 }, h5),
            (new[] { "train", "--csv", csv, "--roi-root", directory.Path, "--out", directory.File("m.zip") }, csv),
        })
        {
            var result = MammoProcess.Run(arguments);
            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(named, line);
            Assert.DoesNotContain("   at ", result.Error);
        }

        Assert.False(File.Exists(directory.File("m.zip")));
    }

    [Fact]
    public void A_model_saved_here_predicts_the_same_probabilities_in_another_process()
    {
        var model = directory.File("model.zip");
        SmallSynthetic.Model.Save(model);
        var files = SmallSynthetic.Test.Records.Take(4).Select(r => Path.Combine(SmallSynthetic.Data.RoiDirectory, r.CaseKey + ".h5")).ToArray();
        var result = MammoProcess.Run(["predict", "--model", model, .. files, "--json"]);
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var predictions = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(files.Length, predictions.Count);
        for (var i = 0; i < files.Length; i++)
        {
            Assert.Equal(files[i], predictions[i].GetProperty("file").GetString());
            var expected = SmallSynthetic.Model.Predict(files[i]);
            Assert.Equal(expected.Probability, predictions[i].GetProperty("probability").GetDouble(), 5);
            Assert.Equal(expected.IsMalignant, predictions[i].GetProperty("malignant").GetBoolean());
        }
    }

    [Fact]
    public void Predict_reads_8_bit_and_16_bit_png_and_hdf5_rois_of_various_sizes()
    {
        var model = directory.File("model.zip");
        SmallSynthetic.Model.Save(model);
        var files = new[]
        {
            TestFiles.WritePng(directory.File("a.png"), 120, 90, 8),
            TestFiles.WritePng(directory.File("b.png"), 500, 640, 16),
            TestFiles.WriteHdf5(directory.File("c.h5"), 256, 256, v => (ushort)(v * 4095)),
            TestFiles.WriteHdf5(directory.File("d.h5"), 100, 430, v => (float)v, withMask: false),
        };
        var result = MammoProcess.Run(["predict", "--model", model, .. files, "--json"]);
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.All(json.RootElement.EnumerateArray(), p => Assert.InRange(p.GetProperty("probability").GetDouble(), 0, 1));

        // One prediction per file, in order, equal to the library's own (an empty or shuffled array must fail).
        var predictions = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(files.Length, predictions.Count);
        for (var i = 0; i < files.Length; i++)
        {
            Assert.Equal(files[i], predictions[i].GetProperty("file").GetString());
            // The JSON carries 6 decimals: compare within that rounding (5 decimal places of rounding both can split a tie).
            Assert.Equal(SmallSynthetic.Model.Predict(files[i]).Probability, predictions[i].GetProperty("probability").GetDouble(), 1e-5);
        }
    }

    [Fact]
    public void Evaluate_writes_the_documented_json()
    {
        var model = directory.File("model.zip");
        SmallSynthetic.Model.Save(model);
        var output = directory.File("eval.json");
        var result = MammoProcess.Run(
            "evaluate", "--model", model, "--csv", SmallSynthetic.Data.Splits[1].CsvPath, "--roi-root", SmallSynthetic.Data.RoiDirectory,
            "--json", output, "--cache", SmallSynthetic.CacheDirectory);
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("aucCi95").GetArrayLength());
        var resamples = root.GetProperty("aucCi95Resamples");
        Assert.InRange(resamples.GetProperty("usable").GetInt32(), 1, resamples.GetProperty("drawn").GetInt32());
        Assert.Contains("usable resamples", result.Out);
        foreach (var name in new[] { "auc", "accuracy", "sensitivity", "specificity", "majorityBaselineAccuracy", "count", "positives", "lesionAuc" })
        {
            Assert.True(root.TryGetProperty(name, out _), name);
        }

        Assert.True(root.GetProperty("confusion").TryGetProperty("fn", out _));
    }

    [Fact]
    public void Missing_input_files_are_refused_when_the_command_line_is_parsed()
    {
        var missing = directory.File("no-such-model.zip");
        var result = MammoProcess.Run("predict", "--model", missing, directory.File("no-such-roi.h5"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no-such-model.zip", result.Error);
        Assert.Contains("no-such-roi.h5", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }
}
