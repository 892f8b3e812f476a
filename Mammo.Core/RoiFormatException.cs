namespace Mammo;

/// <summary>A region-of-interest image file (HDF5, PNG or DICOM) that cannot be used.</summary>
public sealed class RoiFormatException : MammoException
{
    /// <summary>Creates the exception with a default message.</summary>
    public RoiFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    public RoiFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    /// <param name="innerException">The underlying error.</param>
    public RoiFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The ROI file.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public RoiFormatException(string filePath, string problem, Exception? innerException = null)
        : base(filePath, $"{filePath}: {problem}", innerException)
    {
    }
}
