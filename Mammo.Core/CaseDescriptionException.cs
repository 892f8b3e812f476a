namespace Mammo;

/// <summary>A case-description CSV that cannot be read as published by CBIS-DDSM.</summary>
/// <remarks>The message names the file, the line (1-based, as an editor shows it) and the column.</remarks>
public sealed class CaseDescriptionException : MammoException
{
    /// <summary>Creates the exception with a default message.</summary>
    public CaseDescriptionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    public CaseDescriptionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    /// <param name="innerException">The underlying error.</param>
    public CaseDescriptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The CSV file.</param>
    /// <param name="line">The 1-based line where the bad record starts, or 0 for the file as a whole.</param>
    /// <param name="column">The column name, or <see langword="null"/> when the problem is not in one column.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public CaseDescriptionException(string filePath, long line, string? column, string problem, Exception? innerException = null)
        : base(filePath, Format(filePath, line, column, problem), innerException)
    {
        Line = line;
        Column = column;
    }

    /// <summary>Gets the 1-based line of the record, or 0 for the file as a whole.</summary>
    public long Line { get; }

    /// <summary>Gets the column concerned, if any.</summary>
    public string? Column { get; }

    private static string Format(string filePath, long line, string? column, string problem)
    {
        var where = line > 0 ? $"{filePath}, line {line}" : filePath;
        return column is null ? $"{where}: {problem}" : $"{where}, column '{column}': {problem}";
    }
}
