namespace Mammo;

/// <summary>A region-of-interest image file (HDF5, PNG or DICOM) that cannot be used.</summary>
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
