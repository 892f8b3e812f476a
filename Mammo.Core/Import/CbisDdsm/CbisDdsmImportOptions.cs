namespace Mammo.Import.CbisDdsm;

/// <summary>What <see cref="CbisDdsmImporter"/> reads and where it writes.</summary>
public sealed record CbisDdsmImportOptions
{
    /// <summary>Gets the case-description CSVs to import (mass or calcification, train or test), as published.</summary>
    public required IReadOnlyList<string> CsvFiles { get; init; }

    /// <summary>Gets the CBIS-DDSM download: DICOM in the CSVs' layout or today's downloader's, or the JPEG redistribution (with <c>csv/dicom_info.csv</c>).</summary>
    public required string ImageDirectory { get; init; }

    /// <summary>Gets the folder to write <c>roi/</c>, the CSV copies and <c>import.json</c> to (created if needed).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>
    /// Gets a value indicating whether a row whose files are missing, unreadable (a compressed DICOM, say) or unusable
    /// is skipped and reported; when false, the default, such a row stops the import with an <see cref="ImportException"/>.
    /// Rows hit by the archive's known quirks (a mask of another size than its full image) are always skipped and reported.
    /// </summary>
    public bool SkipBad { get; init; }
}
