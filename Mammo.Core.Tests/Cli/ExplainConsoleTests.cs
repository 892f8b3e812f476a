using System.Text.Json;
using Mammo.Explanation;
using Mammo.Tests.Support;

namespace Mammo.Tests.Cli;

public sealed class ExplainConsoleTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Explain_draws_a_picture_per_roi_and_its_json_matches_the_library()
    {
        var model = directory.File("model.zip");
        SmallSynthetic.Model.Save(model);
        var files = SmallSynthetic.Test.Records.Take(2).Select(r => Path.Combine(SmallSynthetic.Data.RoiDirectory, r.CaseKey + ".h5")).ToArray();
        var output = directory.File("pictures");
        var result = MammoProcess.Run(["explain", "--model", model, .. files, "--out", output, "--grid", "4", "--json"]);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(files.Length, rows.Count);
        for (var i = 0; i < files.Length; i++)
        {
            var row = rows[i];
            var picture = row.GetProperty("picture").GetString()!;
            Assert.Equal(Path.Combine(output, Path.GetFileNameWithoutExtension(files[i]) + ".explain.png"), picture);
            var bytes = File.ReadAllBytes(picture);
            Assert.Equal(PngSignature, bytes.Take(8));
            Assert.True(bytes.Length > 20_000, $"{picture} is only {bytes.Length} bytes");

            var expected = SmallSynthetic.Model.Explain(files[i], new ExplanationOptions { Grid = 4 }, CancellationToken.None);
            Assert.Equal(expected.Prediction.Probability, row.GetProperty("probability").GetDouble(), 5);
            Assert.Equal(expected.Crop.Side, row.GetProperty("crop").GetProperty("side").GetDouble(), 9);
            var drops = row.GetProperty("drops").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(d => d.GetDouble()).ToArray();
            Assert.Equal(16, drops.Length);
            for (var k = 0; k < drops.Length; k++)
            {
                // The JSON holds 5 decimals: compare within half a unit of the last one (rounding both sides can differ by one unit).
                Assert.InRange(Math.Abs(expected.Drops.Span[k] - drops[k]), 0, 1e-5);
            }
        }

        Assert.Empty(Directory.GetFiles(output, "*.tmp"));
    }

    [Fact]
    public void Explain_refuses_a_missing_roi_and_a_grid_that_leaves_gaps_with_one_line()
    {
        var model = directory.File("model.zip");
        SmallSynthetic.Model.Save(model);
        var missing = directory.File("nowhere.h5");
        var file = Path.Combine(SmallSynthetic.Data.RoiDirectory, SmallSynthetic.Test.Records[0].CaseKey + ".h5");
        foreach (var (arguments, named) in new[]
        {
            (new[] { "explain", "--model", model, missing, "--out", directory.File("a") }, missing),
            (new[] { "explain", "--model", model, file, "--out", directory.File("b"), "--grid", "2", "--patch", "20" }, "Grid"),
        })
        {
            var result = MammoProcess.Run(arguments);
            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(named, line);
        }
    }
}
