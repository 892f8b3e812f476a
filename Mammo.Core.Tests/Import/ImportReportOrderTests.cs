using System.Text.Json;
using Mammo.Import;
using Mammo.Tests.Support;

namespace Mammo.Tests.Import;

/// <summary>The report's skip counts: most frequent reason first, ties by reason; a skip without a reason counts under "".</summary>
public sealed class ImportReportOrderTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static ImportReport Report()
    {
        var report = new ImportReport("test", "s", new Dictionary<string, string>());
        foreach (var (key, reason) in new[] { ("A_1", "b"), ("A_2", "c"), ("A_3", "b"), ("A_4", "a"), ("A_5", null) })
        {
            report.Add(new ImportReportEntry(key, key, ImportStatus.Skipped, reason));
        }

        return report;
    }

    [Fact]
    public void Skips_are_counted_by_reason_most_frequent_first_then_in_ordinal_order()
    {
        Report().Save(directory.Path, complete: true, []);

        using var json = JsonDocument.Parse(File.ReadAllText(directory.File(ImportReport.FileName)));
        Assert.Equal(
            [("b", 2), ("", 1), ("a", 1), ("c", 1)],
            json.RootElement.GetProperty("counts").GetProperty("skippedByReason").EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())));
    }

    [Fact]
    public void A_skip_without_a_reason_has_an_empty_one_in_the_result() =>
        Assert.Equal(("A_5", ""), (Report().ToResult(directory.Path, []).Skipped[^1].CaseKey, Report().ToResult(directory.Path, []).Skipped[^1].Reason));

    [Fact]
    public void A_null_entry_is_refused() =>
        Assert.Throws<ArgumentNullException>(() => new ImportReport("test", "s", new Dictionary<string, string>()).Add(null!));
}
