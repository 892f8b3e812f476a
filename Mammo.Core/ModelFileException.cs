namespace Mammo;

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
