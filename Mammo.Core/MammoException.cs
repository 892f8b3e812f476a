namespace Mammo;

/// <summary>
/// The base type of every error Mammo raises on purpose: bad input files, unusable datasets, refused model files.
/// </summary>
/// <remarks>
/// Catch <see cref="MammoException"/> to handle every expected failure of the library in one place; any other exception
/// type escaping Mammo is a bug. The message always names the file, row or dataset concerned and what is wrong with it,
/// and <see cref="FilePath"/> holds the file when there is one.
/// </remarks>
public abstract class MammoException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    protected MammoException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming the file, row or dataset.</param>
    protected MammoException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What is wrong, naming the file, row or dataset.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    protected MammoException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a file.</summary>
    /// <param name="filePath">The file concerned.</param>
    /// <param name="message">What is wrong, naming the file.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    protected MammoException(string? filePath, string message, Exception? innerException)
        : base(message, innerException)
    {
        FilePath = filePath;
    }

    /// <summary>Gets the file concerned (ROI, CSV, model, backbone file), or <see langword="null"/> when the error is not about one file.</summary>
    public string? FilePath { get; }
}
