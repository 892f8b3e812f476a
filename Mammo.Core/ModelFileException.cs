namespace Mammo;

/// <summary>A saved model file that is refused: truncated, tampered with, of a newer format, or made with another backbone.</summary>
public sealed class ModelFileException : MammoException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ModelFileException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    public ModelFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    /// <param name="innerException">The underlying error.</param>
    public ModelFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The model file.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ModelFileException(string filePath, string problem, Exception? innerException = null)
        : base(filePath, $"{filePath}: {problem}", innerException)
    {
    }
}
