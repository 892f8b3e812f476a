namespace Mammo;

/// <summary>A source file of an import (a database's truth file, an archive's index) that cannot be read as published.</summary>
/// <remarks>The message names the file and, when the problem is in one line, the line (1-based, as an editor shows it).</remarks>
public sealed class ImportException : MammoException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ImportException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    public ImportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    /// <param name="innerException">The underlying error.</param>
    public ImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The source file.</param>
    /// <param name="line">The 1-based line concerned, or 0 for the file as a whole.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ImportException(string filePath, long line, string problem, Exception? innerException = null)
        : base(filePath, line > 0 ? $"{filePath}, line {line}: {problem}" : $"{filePath}: {problem}", innerException)
    {
        Line = line;
    }

    /// <summary>Gets the 1-based line concerned, or 0 for the file as a whole.</summary>
    public long Line { get; }
}
