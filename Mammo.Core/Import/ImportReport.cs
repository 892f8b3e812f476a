using System.Text.Json;
using System.Text.Json.Serialization;
using Mammo.Data;
using Mammo.IO;

namespace Mammo.Import;

/// <summary>
/// The record of one import, written atomically as <c>OUT/import.json</c>: every source row imported, kept or skipped
/// (and why), the counts, and the settings; the next run over the same output reads it to resume.
/// </summary>
/// <remarks>
/// <para>Resume rule: a row is finished, and a later run keeps it without reading its source again, when the previous
/// <c>import.json</c> lists it as imported or kept with the same <see cref="Settings"/>, and its ROI file exists. ROI
/// files are renamed into place only when complete, so existence is enough; the report guards against ROI files left
/// by a run with other settings (a different window rule, say), which are rewritten. The case-description CSVs are
/// rewritten whole by every run, from the finished rows.</para>
/// <para>Long imports call <see cref="Save"/> with <c>complete: false</c> now and then, so a killed run loses at most
/// the rows since the last checkpoint.</para>
/// </remarks>
internal sealed class ImportReport
{
    /// <summary>The report's file name in the output folder.</summary>
    public const string FileName = "import.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly Lock gate = new();
    private readonly List<ImportReportEntry> entries = [];

    /// <summary>Creates an empty report.</summary>
    /// <param name="source">The kind of source, e.g. <c>mias</c> or <c>cbis-ddsm</c>.</param>
    /// <param name="settings">Everything that decides the bytes of a ROI file, as text; a row is kept by a later run only under the same settings.</param>
    /// <param name="inputs">The source files and folders, for the reader of the report.</param>
    public ImportReport(string source, string settings, IReadOnlyDictionary<string, string> inputs)
    {
        Source = source;
        Settings = settings;
        Inputs = inputs;
    }

    public string Source { get; }

    public string Settings { get; }

    public IReadOnlyDictionary<string, string> Inputs { get; }

    /// <summary>Gets a copy of the entries so far, in the order they were added.</summary>
    public IReadOnlyList<ImportReportEntry> Entries
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    /// <summary>Adds an entry (safe to call from several threads).</summary>
    /// <param name="entry">The entry.</param>
    public void Add(ImportReportEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            entries.Add(entry);
        }
    }

    /// <summary>Writes <c>import.json</c> atomically, entries sorted by source position.</summary>
    /// <param name="outputDirectory">The import's output folder.</param>
    /// <param name="complete">Whether the run has finished (false for a checkpoint).</param>
    /// <param name="csvFiles">The CSV file names written.</param>
    /// <param name="order">Sorts entries for the file (by source line, say); file order of adding when <see langword="null"/>.</param>
    public void Save(string outputDirectory, bool complete, IReadOnlyList<string> csvFiles, Comparison<ImportReportEntry>? order = null)
    {
        var list = Entries.ToList();
        if (order is not null)
        {
            list.Sort(order);
        }

        var document = new ReportDocument(
            Source,
            complete,
            Settings,
            new Dictionary<string, string>(Inputs),
            [.. csvFiles],
            new ReportCounts(
                list.Count(e => e.Status == ImportStatus.Imported),
                list.Count(e => e.Status == ImportStatus.Kept),
                list.Count(e => e.Status == ImportStatus.Skipped),
                list.Where(e => e.Status == ImportStatus.Skipped)
                    .GroupBy(e => e.Reason ?? "")
                    .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Count())),
            list);
        AtomicFile.WriteAllText(Path.Combine(outputDirectory, FileName), JsonSerializer.Serialize(document, Json));
    }

    /// <summary>
    /// The case keys an earlier run finished in <paramref name="outputDirectory"/> under the same settings: listed as
    /// imported or kept in its <c>import.json</c>, ROI file present. Empty when there is no readable report.
    /// </summary>
    /// <param name="outputDirectory">The import's output folder.</param>
    /// <param name="settings">This run's settings.</param>
    /// <returns>Case key to the ROI path (relative to the output folder) of each finished row.</returns>
    public static IReadOnlyDictionary<string, string> Finished(string outputDirectory, string settings)
    {
        var path = Path.Combine(outputDirectory, FileName);
        if (!File.Exists(path))
        {
            return new Dictionary<string, string>();
        }

        ReportDocument? previous;
        try
        {
            previous = JsonSerializer.Deserialize<ReportDocument>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            // Not ours or edited by hand: nothing counts as finished, every row is imported again.
            return new Dictionary<string, string>();
        }

        if (previous?.Entries is null || !string.Equals(previous.Settings, settings, StringComparison.Ordinal))
        {
            return new Dictionary<string, string>();
        }

        var finished = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in previous.Entries)
        {
            if (entry is { IsDone: true, Roi: { } roi } && IsInside(outputDirectory, roi) && File.Exists(Path.Combine(outputDirectory, roi)))
            {
                finished[entry.Key] = roi;
            }
        }

        return finished;
    }

    /// <summary>The public summary of the run.</summary>
    /// <param name="outputDirectory">The output folder.</param>
    /// <param name="csvPaths">The CSVs written.</param>
    /// <returns>The result.</returns>
    public ImportResult ToResult(string outputDirectory, IReadOnlyList<string> csvPaths)
    {
        var list = Entries;
        return new ImportResult(
            outputDirectory,
            csvPaths,
            list.Count(e => e.Status == ImportStatus.Imported),
            list.Count(e => e.Status == ImportStatus.Kept),
            [.. list.Where(e => e.Status == ImportStatus.Skipped).Select(e => new SkippedRow(e.Key, e.Reason ?? ""))]);
    }

    private static bool IsInside(string directory, string relative)
    {
        var root = Path.GetFullPath(directory) + Path.DirectorySeparatorChar;
        return !Path.IsPathRooted(relative) && Path.GetFullPath(Path.Combine(directory, relative)).StartsWith(root, StringComparison.Ordinal);
    }

    private sealed record ReportCounts(int Imported, int Kept, int Skipped, Dictionary<string, int> SkippedByReason);

    private sealed record ReportDocument(
        string Source,
        bool Complete,
        string Settings,
        Dictionary<string, string> Inputs,
        List<string> Csv,
        ReportCounts Counts,
        List<ImportReportEntry> Entries);
}
