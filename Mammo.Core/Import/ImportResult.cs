using Mammo.Data;

namespace Mammo.Import;

/// <summary>What an import wrote: the case-description CSVs, the ROI folder, the report, and the rows left out.</summary>
public sealed class ImportResult
{
    internal ImportResult(string outputDirectory, IReadOnlyList<string> csvPaths, int imported, int kept, IReadOnlyList<SkippedRow> skipped)
    {
        OutputDirectory = outputDirectory;
        CsvPaths = csvPaths;
        Imported = imported;
        Kept = kept;
        Skipped = skipped;
    }

    /// <summary>Gets the output folder.</summary>
    public string OutputDirectory { get; }

    /// <summary>Gets the folder of ROI files, <c>OUT/roi</c> (the <c>--roi-root</c> of the other verbs).</summary>
    public string RoiDirectory => Path.Combine(OutputDirectory, "roi");

    /// <summary>Gets the report listing every source row and what became of it, <c>OUT/import.json</c>.</summary>
    public string ReportPath => Path.Combine(OutputDirectory, ImportReport.FileName);

    /// <summary>Gets the case-description CSVs written (only those with at least one row).</summary>
    public IReadOnlyList<string> CsvPaths { get; }

    /// <summary>Gets the number of rows imported by this run.</summary>
    public int Imported { get; }

    /// <summary>Gets the number of rows an earlier run had finished, kept as they were.</summary>
    public int Kept { get; }

    /// <summary>Gets the source rows left out, each with its reason (also listed in the report).</summary>
    public IReadOnlyList<SkippedRow> Skipped { get; }
}
