namespace Mammo.Import.Mias;

/// <summary>What <see cref="MiasImporter"/> reads and where it writes.</summary>
public sealed record MiasImportOptions
{
    /// <summary>Gets the database's truth file, <c>Info.txt</c>.</summary>
    public required string InfoFile { get; init; }

    /// <summary>Gets the folder holding the films as <c>mdbNNN.pgm</c>.</summary>
    public required string ImageDirectory { get; init; }

    /// <summary>Gets the folder to write the CSVs, <c>roi/</c> and <c>import.json</c> to (created if needed).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Gets the films to import (references such as <c>mdb001</c>); <see langword="null"/>, the default, imports all.</summary>
    public IReadOnlyCollection<string>? Films { get; init; }
}
