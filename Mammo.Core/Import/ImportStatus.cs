namespace Mammo.Import;

/// <summary>What an import did with one source row.</summary>
internal enum ImportStatus
{
    /// <summary>Written by this run: its ROI file and its CSV row.</summary>
    Imported,

    /// <summary>Finished by an earlier run over the same output with the same settings: its ROI file was kept as it was.</summary>
    Kept,

    /// <summary>Not imported; the entry's reason says why.</summary>
    Skipped,
}
