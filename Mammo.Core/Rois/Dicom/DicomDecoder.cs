namespace Mammo.Rois.Dicom;

/// <summary>
/// Reads grayscale images from uncompressed DICOM Part 10 files (Explicit or Implicit VR Little Endian), the form
/// mammography archives such as CBIS-DDSM hold; every other transfer syntax is refused by UID and name.
/// </summary>
/// <remarks>Hand-written because no DICOM library is available to the project; strict on purpose (see <see cref="DicomDecoderCore"/>).</remarks>
internal static class DicomDecoder
{
    /// <exception cref="RoiFormatException">The file is missing, not DICOM, damaged, or holds an image Mammo does not read.</exception>
    public static DicomImage Decode(string path, DicomDecoderOptions? options = null)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RoiFormatException(path, $"cannot be opened: {e.Message}", e);
        }

        using (stream)
        {
            return Decode(stream, path, options);
        }
    }

    /// <summary>Decodes from a seekable stream positioned anywhere (the file starts at offset 0).</summary>
    /// <param name="stream">The whole file.</param>
    /// <param name="path">The name used in errors.</param>
    /// <param name="options">What to read; <see cref="DicomDecoderOptions.Default"/> when null.</param>
    public static DicomImage Decode(Stream stream, string path, DicomDecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The DICOM reader needs a seekable stream.", nameof(stream));
        }

        try
        {
            return new DicomDecoderCore(stream, path, options ?? DicomDecoderOptions.Default).Decode();
        }
        catch (EndOfStreamException e)
        {
            // Only if the file shrinks while being read: every length is checked first.
            throw new RoiFormatException(path, "is a truncated DICOM file", e);
        }
        catch (IOException e)
        {
            throw new RoiFormatException(path, $"cannot be read: {e.Message}", e);
        }
    }
}
