namespace Mammo;

/// <summary>A source file of an import (a database's truth file, an archive's index) that cannot be read as published.</summary>
/// <remarks>The message names the file and, when the problem is in one line, the line (1-based, as an editor shows it).</remarks>
public sealed class ImportException : MammoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The source file.</param>
    /// <param name="line">The 1-based line concerned, or 0 for the file as a whole.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ImportException(string filePath, long line, string problem, Exception? innerException = null)
        : base(line > 0 ? $"{filePath}, line {line}: {problem}" : $"{filePath}: {problem}", innerException)
    {
        FilePath = filePath;
        Line = line;
    }

    /// <summary>Gets the source file.</summary>
    public string FilePath { get; }

    /// <summary>Gets the 1-based line concerned, or 0 for the file as a whole.</summary>
    public long Line { get; }
}
