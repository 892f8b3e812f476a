namespace Mammo;

/// <summary>
/// The base type of every error Mammo raises on purpose: bad input files, unusable datasets, refused model files.
/// </summary>
/// <remarks>
/// Catch <see cref="MammoException"/> to handle every expected failure of the library in one place; any other exception
/// type escaping Mammo is a bug. The message always names the file, row or dataset concerned and what is wrong with it.
/// </remarks>
public abstract class MammoException : Exception
{
    /// <summary>Creates the exception with a message and, optionally, the error that caused it.</summary>
    /// <param name="message">What is wrong, naming the file, row or dataset.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    protected MammoException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

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

/// <summary>A region-of-interest image file (HDF5 or PNG) that cannot be used.</summary>
public sealed class RoiFormatException : MammoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The ROI file.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public RoiFormatException(string filePath, string problem, Exception? innerException = null)
        : base($"{filePath}: {problem}", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>Gets the ROI file.</summary>
    public string FilePath { get; }
}

/// <summary>A dataset that cannot be used for the requested job (for example one class only, or every ROI missing).</summary>
public sealed class DatasetException : MammoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dataset">The dataset's name or source file.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public DatasetException(string dataset, string problem, Exception? innerException = null)
        : base($"{dataset}: {problem}", innerException)
    {
        Dataset = dataset;
    }

    /// <summary>Gets the dataset's name or source file.</summary>
    public string Dataset { get; }
}

/// <summary>A saved model file that is refused: truncated, tampered with, of a newer format, or made with another backbone.</summary>
public sealed class ModelFileException : MammoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The model file.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ModelFileException(string filePath, string problem, Exception? innerException = null)
        : base($"{filePath}: {problem}", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>Gets the model file.</summary>
    public string FilePath { get; }
}

/// <summary>The pretrained backbone's model files are missing or unusable in this installation.</summary>
public sealed class BackboneException : MammoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What is wrong, naming the file.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public BackboneException(string problem, Exception? innerException = null)
        : base(problem, innerException)
    {
    }
}
