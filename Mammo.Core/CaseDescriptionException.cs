namespace Mammo;

/// <summary>A case-description CSV that cannot be read as published by CBIS-DDSM.</summary>
/// <remarks>The message names the file, the line (1-based, as an editor shows it) and the column.</remarks>
public sealed class CaseDescriptionException : MammoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The CSV file.</param>
    /// <param name="line">The 1-based line where the bad record starts, or 0 for the file as a whole.</param>
    /// <param name="column">The column name, or <see langword="null"/> when the problem is not in one column.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public CaseDescriptionException(string filePath, long line, string? column, string problem, Exception? innerException = null)
        : base(Format(filePath, line, column, problem), innerException)
    {
        FilePath = filePath;
        Line = line;
        Column = column;
    }

    /// <summary>Gets the CSV file.</summary>
    public string FilePath { get; }

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
