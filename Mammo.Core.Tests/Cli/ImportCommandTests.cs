using Mammo.Tests.Support;

namespace Mammo.Tests.Cli;

public sealed class ImportCommandTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Import_mias_writes_csvs_rois_and_a_report_that_the_other_verbs_read()
    {
        var info = SharedData.Require("mias/Info.txt");
        var images = Path.GetDirectoryName(SharedData.Require("mias/images/mdb001.pgm"))!;
        var output = directory.File("out");
        var result = MammoProcess.Run("import", "mias", "--info", info, "--images", images, "--out", output, "--film", "mdb001", "mdb002", "mdb209");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("imported 3 row(s)", result.Out);
        Assert.Contains("import.json", result.Out);
        Assert.True(File.Exists(Path.Combine(output, "roi", "MIAS_001_RIGHT_MLO_1.h5")));
        Assert.True(File.Exists(Path.Combine(output, "roi", "MIAS_105_RIGHT_MLO_1.h5")));

        var stats = MammoProcess.Run("stats", "--csv", Path.Combine(output, "mias_case_description.csv"), "--json");
        Assert.Equal(0, stats.ExitCode);
        Assert.Contains("\"rows\": 2", stats.Out);

        var again = MammoProcess.Run("import", "mias", "--info", info, "--images", images, "--out", output, "--film", "mdb001", "mdb002", "mdb209");
        Assert.Contains("imported 0 row(s), kept 3", again.Out);
    }

    [Fact]
    public void A_bad_truth_file_gives_one_line_naming_file_and_line_and_exit_code_2()
    {
        var info = TestFiles.WriteText(directory, "Info.txt", "mdb001 G CIRC B 535 425 197\nmdb002 G CIRC B 522 x 69\n");
        var result = MammoProcess.Run("import", "mias", "--info", info, "--images", directory.Path, "--out", directory.File("out"));
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{info}, line 2", line);
        Assert.False(Directory.Exists(directory.File("out")));
    }

    [Fact]
    public void Missing_inputs_are_refused_when_the_command_line_is_parsed()
    {
        var result = MammoProcess.Run("import", "mias", "--info", directory.File("none.txt"), "--images", directory.Path, "--out", directory.File("out"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("none.txt", result.Error);
        Assert.False(Directory.Exists(directory.File("out")));
    }
}
