using Mammo.Rois.Dicom;
using StbImageSharp;

namespace Mammo.Import.CbisDdsm;

/// <summary>Reads the archive's images: DICOM through Mammo's reader, the redistribution's JPEGs through StbImageSharp.</summary>
internal static class CbisDdsmImageReader
{
    /// <summary>The largest image accepted, in pixels (a full mammogram is about 15 million).</summary>
    public const long MaximumPixels = 100_000_000;

    /// <summary>The image's size from its header, without decoding the pixels.</summary>
    /// <exception cref="RoiFormatException">The file is unreadable or of a kind Mammo does not read.</exception>
    public static (int Width, int Height) ReadSize(CbisDdsmFile file)
    {
        if (!file.IsJpeg)
        {
            var header = DicomDecoder.Decode(file.Path, DicomDecoderOptions.HeaderOnly);
            return (header.Columns, header.Rows);
        }

        using var stream = Open(file.Path);
        var info = Guard(file.Path, () => ImageInfo.FromStream(stream));
        if (info is null)
        {
            throw new RoiFormatException(file.Path, "is not a JPEG file the decoder recognises");
        }

        return (info.Value.Width, info.Value.Height);
    }

    /// <summary>Decodes the image.</summary>
    /// <exception cref="RoiFormatException">The file is unreadable or of a kind Mammo does not read.</exception>
    /// <param name="file">The file.</param>
    /// <param name="buffer">A buffer to decode into if it has exactly the image's pixel count (see <see cref="DicomDecoderOptions.PixelBuffer"/>).</param>
    public static CbisDdsmImage Read(CbisDdsmFile file, ushort[]? buffer = null)
    {
        if (!file.IsJpeg)
        {
            var dicom = DicomDecoder.Decode(file.Path, buffer is null ? null : DicomDecoderOptions.Default with { PixelBuffer = buffer });
            return new CbisDdsmImage(file.Path, dicom.Columns, dicom.Rows, dicom.Pixels, IsLossy: false);
        }

        var (width, height) = ReadSize(file);
        if (width <= 0 || height <= 0 || (long)width * height > MaximumPixels)
        {
            throw new RoiFormatException(file.Path, $"the JPEG image is {width} x {height} pixels; at most {MaximumPixels} pixels are accepted");
        }

        using var stream = Open(file.Path);
        var decoded = Guard(file.Path, () => ImageResult.FromStream(stream, ColorComponents.Grey));
        if (decoded.Width != width || decoded.Height != height || decoded.Data.Length != width * height)
        {
            throw new RoiFormatException(file.Path, "the JPEG decoder returned another size than the file's header gives");
        }

        var pixels = buffer is not null && buffer.Length == decoded.Data.Length ? buffer : new ushort[decoded.Data.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = decoded.Data[i];
        }

        return new CbisDdsmImage(file.Path, width, height, pixels, IsLossy: true);
    }

    private static FileStream Open(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RoiFormatException(path, $"cannot be opened: {e.Message}", e);
        }
    }

    /// <summary>StbImageSharp reports damage with plain exceptions (and index errors on crafted input): Mammo's error names the file.</summary>
    private static T Guard<T>(string path, Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            throw new RoiFormatException(path, $"is not a readable JPEG file: {e.Message}", e);
        }
    }
}
