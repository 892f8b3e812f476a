using System.Text.Json;
using Mammo.Import;
using Mammo.Tests.Support;

namespace Mammo.Tests.Import;

public sealed class ImportReportTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private ImportReport Report(string settings = "s1")
    {
        var report = new ImportReport("test", settings, new Dictionary<string, string> { ["info"] = "x" });
        report.Add(new ImportReportEntry("A_1", "f:1", ImportStatus.Imported, Roi: "roi/A_1.h5", Csv: "a.csv"));
        report.Add(new ImportReportEntry("B_1", "f:2", ImportStatus.Kept, Roi: "roi/B_1.h5", Csv: "a.csv"));
        report.Add(new ImportReportEntry("C_1", "f:3", ImportStatus.Skipped, "no coordinates"));
        report.Add(new ImportReportEntry("D_1", "f:4", ImportStatus.Imported, Roi: "roi/D_1.h5", Csv: "a.csv"));
        report.Add(new ImportReportEntry("E_1", "f:5", ImportStatus.Imported, Roi: "../outside.h5", Csv: "a.csv"));
        return report;
    }

    [Fact]
    public void The_report_lists_every_entry_and_counts_skips_by_reason()
    {
        Report().Save(directory.Path, complete: true, ["a.csv"]);
        using var json = JsonDocument.Parse(File.ReadAllText(directory.File(ImportReport.FileName)));
        var root = json.RootElement;
        Assert.True(root.GetProperty("complete").GetBoolean());
        Assert.Equal(5, root.GetProperty("entries").GetArrayLength());
        Assert.Equal(3, root.GetProperty("counts").GetProperty("imported").GetInt32());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("kept").GetInt32());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("skippedByReason").GetProperty("no coordinates").GetInt32());
        Assert.Equal("skipped", root.GetProperty("entries")[2].GetProperty("status").GetString());
    }

    [Fact]
    public void A_row_is_finished_when_listed_as_done_under_the_same_settings_and_its_roi_exists()
    {
        var output = directory.File("out");
        Directory.CreateDirectory(Path.Combine(output, "roi"));
        File.WriteAllText(Path.Combine(output, "roi/A_1.h5"), "");
        File.WriteAllText(Path.Combine(output, "roi/B_1.h5"), "");
        File.WriteAllText(Path.Combine(output, "roi/C_1.h5"), "");
        File.WriteAllText(directory.File("outside.h5"), "");
        Report().Save(output, complete: false, []);

        // D_1's file is missing, C_1 was skipped (its file is a stray), E_1 points outside the output.
        Assert.Equal(["A_1", "B_1"], ImportReport.Finished(output, "s1").Keys.Order());
        Assert.Empty(ImportReport.Finished(output, "other settings"));
    }

    [Fact]
    public void No_report_or_a_damaged_one_means_nothing_is_finished()
    {
        Assert.Empty(ImportReport.Finished(directory.Path, "s1"));
        File.WriteAllText(directory.File(ImportReport.FileName), "{ not json");
        Assert.Empty(ImportReport.Finished(directory.Path, "s1"));
    }

    [Fact]
    public void The_result_carries_counts_and_skipped_rows_with_reasons()
    {
        var result = Report().ToResult(directory.Path, []);
        Assert.Equal((3, 1), (result.Imported, result.Kept));
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(("C_1", "no coordinates"), (skipped.CaseKey, skipped.Reason));
        Assert.Equal(directory.File(ImportReport.FileName), result.ReportPath);
    }
}
