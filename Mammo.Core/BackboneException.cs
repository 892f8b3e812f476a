namespace Mammo;

/// <summary>The pretrained backbone's model files are missing or unusable in this installation.</summary>
public sealed class BackboneException : MammoException
{
    /// <summary>Creates the exception with a default message.</summary>
    public BackboneException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    public BackboneException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    /// <param name="innerException">The underlying error.</param>
    public BackboneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one of the backbone's files.</summary>
    /// <param name="filePath">The backbone's file concerned.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public BackboneException(string filePath, string problem, Exception? innerException = null)
        : base(filePath, $"{filePath}: {problem}", innerException)
    {
    }
}
