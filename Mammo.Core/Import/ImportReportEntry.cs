namespace Mammo.Import;

/// <summary>One source row of an import and what became of it (one element of <c>import.json</c>'s <c>entries</c>).</summary>
/// <param name="Key">The row's case key (<c>MIAS_001_RIGHT_MLO_1</c>), or the source's own name for rows that have none (a normal MIAS film, <c>mdb003</c>).</param>
/// <param name="Source">Where the row comes from, e.g. <c>Info.txt:5</c> (file name and 1-based line).</param>
/// <param name="Status">Imported, kept from an earlier run, or skipped.</param>
/// <param name="Reason">Why a row was skipped; <see langword="null"/> otherwise.</param>
/// <param name="Roi">The ROI file relative to the output folder (<c>roi/&lt;case key&gt;.h5</c>) for imported and kept rows.</param>
/// <param name="Csv">The case-description CSV (file name) holding the row, for imported and kept rows.</param>
internal sealed record ImportReportEntry(string Key, string Source, ImportStatus Status, string? Reason = null, string? Roi = null, string? Csv = null)
{
    /// <summary>Gets a value indicating whether the row is in the output (imported now or kept).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsDone => Status is ImportStatus.Imported or ImportStatus.Kept;
}
