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
