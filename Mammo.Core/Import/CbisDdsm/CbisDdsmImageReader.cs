using BitMiracle.LibJpeg.Classic;
using Mammo.Rois.Dicom;

namespace Mammo.Import.CbisDdsm;

/// <summary>Reads the archive's images: DICOM through Mammo's reader, the redistribution's JPEGs through LibJpeg.NET (a port of IJG libjpeg), row by row into the pixel buffer.</summary>
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
        return Guard(file.Path, () =>
        {
            var jpeg = Header(stream);
            return (jpeg.Image_width, jpeg.Image_height);
        });
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

        using var stream = Open(file.Path);
        return Guard(file.Path, () =>
        {
            var jpeg = Header(stream);
            var (width, height) = (jpeg.Image_width, jpeg.Image_height);
            if (width <= 0 || height <= 0 || (long)width * height > MaximumPixels)
            {
                throw new RoiFormatException(file.Path, $"the JPEG image is {width} x {height} pixels; at most {MaximumPixels} pixels are accepted");
            }

            jpeg.Out_color_space = J_COLOR_SPACE.JCS_GRAYSCALE;
            jpeg.jpeg_start_decompress();
            if (jpeg.Output_width != width || jpeg.Output_height != height || jpeg.Output_components != 1)
            {
                throw new RoiFormatException(file.Path, "the JPEG decoder would return another size than the file's header gives");
            }

            var pixels = buffer is not null && buffer.Length == width * height ? buffer : new ushort[width * height];
            var row = jpeg_common_struct.AllocJpegSamples(width, 1);
            while (jpeg.Output_scanline < height)
            {
                var y = jpeg.Output_scanline;
                if (jpeg.jpeg_read_scanlines(row, 1) != 1)
                {
                    throw new RoiFormatException(file.Path, $"the JPEG data ends at row {y} of {height}");
                }

                var target = pixels.AsSpan(y * width, width);
                for (var x = 0; x < width; x++)
                {
                    target[x] = row[0][x];
                }
            }

            jpeg.jpeg_finish_decompress();
            return new CbisDdsmImage(file.Path, width, height, pixels, IsLossy: true);
        });
    }

    private static jpeg_decompress_struct Header(Stream stream)
    {
        var jpeg = new jpeg_decompress_struct(new JpegStrictErrors());
        jpeg.jpeg_stdio_src(stream);
        if (jpeg.jpeg_read_header(true) != ReadResult.JPEG_HEADER_OK)
        {
            throw new InvalidDataException("no JPEG image header");
        }

        return jpeg;
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

    /// <summary>LibJpeg.NET reports damage with plain exceptions (and index errors on crafted input, seen in fuzzing): Mammo's error names the file.</summary>
    private static T Guard<T>(string path, Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (Exception e) when (e is not RoiFormatException and not OutOfMemoryException and not OperationCanceledException)
        {
            throw new RoiFormatException(path, $"is not a readable JPEG file: {e.Message}", e);
        }
    }
}
