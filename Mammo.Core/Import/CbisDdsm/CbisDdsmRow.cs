using Mammo.CbisDdsm;

namespace Mammo.Import.CbisDdsm;

/// <summary>One case-description row to import, with where it comes from.</summary>
/// <param name="Order">Its position over all CSVs given, for the report's order.</param>
/// <param name="CsvPath">The CSV file.</param>
/// <param name="Number">The 1-based row number in the CSV (not the line: the last field holds a newline).</param>
/// <param name="Record">The row.</param>
internal sealed record CbisDdsmRow(int Order, string CsvPath, int Number, CaseRecord Record)
{
    public string CsvName => Path.GetFileName(CsvPath);

    public string Source => FormattableString.Invariant($"{CsvName} row {Number}");

    public string FullImageFolder => CbisDdsmArchive.FolderOf(Record.ImageFilePath);

    /// <summary>Gets the case folders of the crop and the mask (the same one in the official CSVs), without the full image's.</summary>
    public IReadOnlyList<string> RoiFolders =>
        [.. new[] { CbisDdsmArchive.FolderOf(Record.RoiMaskFilePath), CbisDdsmArchive.FolderOf(Record.CroppedImageFilePath) }
            .Where(f => f.Length > 0 && !string.Equals(f, FullImageFolder, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
}
