using Mammo.Import.CbisDdsm;
using Mammo.Tests.Support;
using StbImageWriteSharp;

namespace Mammo.Tests.Import.CbisDdsm;

/// <summary>
/// The image reader's refusals and buffer rules on tiny JPEGs (StbImageWriteSharp) whose headers are patched by hand:
/// the size limit at its boundary, the tables-only stream, a cut entropy stream, files that cannot be opened.
/// </summary>
public sealed class CbisDdsmImageReaderRefusalTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static byte[] Encode(int width, int height, ColorComponents components)
    {
        var channels = components == ColorComponents.Grey ? 1 : 3;
        var data = new byte[width * height * channels];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)((i * 37) % 251);
        }

        using var stream = new MemoryStream();
        new ImageWriter().WriteJpg(data, width, height, components, stream, 90);
        return stream.ToArray();
    }

    /// <summary>The JPEG's marker segments before its scan: (marker, offset of the length field).</summary>
    private static List<(byte Marker, int Offset)> Segments(byte[] jpeg)
    {
        var segments = new List<(byte, int)>();
        var position = 2;
        while (position + 4 <= jpeg.Length && jpeg[position] == 0xFF)
        {
            var marker = jpeg[position + 1];
            segments.Add((marker, position + 2));
            if (marker == 0xDA)
            {
                break;
            }

            position += 2 + ((jpeg[position + 2] << 8) | jpeg[position + 3]);
        }

        return segments;
    }

    private static byte[] WithSize(byte[] jpeg, int width, int height)
    {
        var copy = (byte[])jpeg.Clone();
        var sof = Segments(copy).Single(s => s.Marker == 0xC0).Offset;
        (copy[sof + 3], copy[sof + 4]) = ((byte)(height >> 8), (byte)height);
        (copy[sof + 5], copy[sof + 6]) = ((byte)(width >> 8), (byte)width);
        return copy;
    }

    private CbisDdsmFile Jpeg(string name, byte[] bytes)
    {
        var path = directory.File(name);
        File.WriteAllBytes(path, bytes);
        return new CbisDdsmFile(path, "Mass-Training_P_00001_LEFT_CC_1", "ROI mask images", IsJpeg: true);
    }

    [Fact]
    public void A_jpeg_of_more_than_the_pixel_limit_is_refused_before_decoding()
    {
        // 65,500 x 65,500 pixels: an int product would overflow, so the limit must be checked in long.
        var file = Jpeg("huge.jpg", WithSize(Encode(16, 16, ColorComponents.Grey), 65500, 65500));

        var error = Assert.Throws<RoiFormatException>(() => CbisDdsmImageReader.Read(file));

        Assert.Equal($"{file.Path}: the JPEG image is 65500 x 65500 pixels; at most 100000000 pixels are accepted", error.Message);
        Assert.Null(error.InnerException);
        Assert.Equal((65500, 65500), CbisDdsmImageReader.ReadSize(file));
    }

    [Fact]
    public void A_jpeg_of_exactly_the_pixel_limit_is_not_refused_for_its_size()
    {
        // 10,000 x 10,000 in RGB (component ids R, G, B, no JFIF marker): its size is accepted, and the decoder then
        // refuses the colour conversion before it allocates anything of that size.
        var rgb = Encode(16, 16, ColorComponents.RedGreenBlue);
        var segments = Segments(rgb);
        var sof = segments.Single(s => s.Marker == 0xC0).Offset;
        var sos = segments.Single(s => s.Marker == 0xDA).Offset;
        var ids = new byte[] { (byte)'R', (byte)'G', (byte)'B' };
        for (var c = 0; c < 3; c++)
        {
            rgb[sof + 8 + (3 * c)] = ids[c];
            rgb[sos + 3 + (2 * c)] = ids[c];
        }

        var app0 = segments.Single(s => s.Marker == 0xE0).Offset;
        var length = (rgb[app0] << 8) | rgb[app0 + 1];
        byte[] withoutJfif = [.. rgb[..(app0 - 2)], .. rgb[(app0 + length)..]];
        var file = Jpeg("limit.jpg", WithSize(withoutJfif, 10000, 10000));

        var error = Assert.Throws<RoiFormatException>(() => CbisDdsmImageReader.Read(file));

        Assert.StartsWith($"{file.Path}: is not a readable JPEG file: ", error.Message);
        Assert.DoesNotContain("pixels are accepted", error.Message);
    }

    [Fact]
    public void A_jpeg_with_tables_but_no_image_is_refused_by_the_decoder()
    {
        var jpeg = Encode(8, 8, ColorComponents.Grey);
        var dqt = Segments(jpeg).First(s => s.Marker == 0xDB).Offset;
        var length = (jpeg[dqt] << 8) | jpeg[dqt + 1];
        var file = Jpeg("tables.jpg", [0xFF, 0xD8, .. jpeg[(dqt - 2)..(dqt + length)], 0xFF, 0xD9]);

        var error = Assert.Throws<RoiFormatException>(() => CbisDdsmImageReader.ReadSize(file));

        Assert.Equal($"{file.Path}: is not a readable JPEG file: {error.InnerException!.Message}", error.Message);
        Assert.DoesNotContain("no JPEG image header", error.Message);
    }

    [Fact]
    public void A_jpeg_cut_inside_its_data_is_refused_not_filled_with_grey()
    {
        var jpeg = Encode(64, 64, ColorComponents.Grey);
        var sos = Segments(jpeg).Single(s => s.Marker == 0xDA).Offset;
        var file = Jpeg("cut.jpg", jpeg[..((sos + jpeg.Length) / 2)]);

        var error = Assert.Throws<RoiFormatException>(() => CbisDdsmImageReader.Read(file));

        Assert.StartsWith($"{file.Path}: is not a readable JPEG file: ", error.Message);
        Assert.IsType<InvalidDataException>(error.InnerException);
    }

    [Fact]
    public void A_jpeg_without_its_end_marker_is_refused_when_the_decoder_finishes()
    {
        var jpeg = Encode(64, 64, ColorComponents.Grey);
        Assert.Equal([0xFF, 0xD9], jpeg[^2..]);
        var file = Jpeg("no-eoi.jpg", jpeg[..^2]);

        var error = Assert.Throws<RoiFormatException>(() => CbisDdsmImageReader.Read(file));

        Assert.StartsWith($"{file.Path}: is not a readable JPEG file: ", error.Message);
        Assert.IsType<InvalidDataException>(error.InnerException);
    }

    [Fact]
    public void A_jpeg_is_decoded_into_a_buffer_of_its_size_and_beside_one_of_another()
    {
        var file = Jpeg("ok.jpg", Encode(16, 8, ColorComponents.Grey));
        var fitting = new ushort[128];
        var other = new ushort[64];

        var into = CbisDdsmImageReader.Read(file, fitting);
        var beside = CbisDdsmImageReader.Read(file, other);
        var plain = CbisDdsmImageReader.Read(file);

        Assert.Same(fitting, into.Pixels);
        Assert.NotSame(other, beside.Pixels);
        Assert.Equal(plain.Pixels, into.Pixels);
        Assert.Equal(plain.Pixels, beside.Pixels);
        Assert.Equal((16, 8, true), (plain.Width, plain.Height, plain.IsLossy));
        Assert.All(other, v => Assert.Equal(0, v));
    }

    [Fact]
    public void A_dicom_is_decoded_into_the_buffer_given_and_is_not_lossy()
    {
        var path = TestDicom.Filled(4, 3, (x, y) => (x * 10) + y).Write(directory.File("a.dcm"));
        var file = new CbisDdsmFile(path, "Mass-Training_P_00001_LEFT_CC", "", IsJpeg: false);
        var buffer = new ushort[12];

        var image = CbisDdsmImageReader.Read(file, buffer);

        Assert.Same(buffer, image.Pixels);
        Assert.Equal((4, 3, false), (image.Width, image.Height, image.IsLossy));
        Assert.Equal(21, image.Pixels[(1 * 4) + 2]);
        Assert.False(CbisDdsmImageReader.Read(file).IsLossy);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_jpeg_that_cannot_be_opened_is_a_roi_error_naming_it(bool size)
    {
        var file = new CbisDdsmFile(directory.File("missing.jpg"), "Mass-Training_P_00001_LEFT_CC", "", IsJpeg: true);

        var error = Assert.Throws<RoiFormatException>(() => _ = size ? CbisDdsmImageReader.ReadSize(file) : (object)CbisDdsmImageReader.Read(file));

        var inner = Assert.IsType<FileNotFoundException>(error.InnerException);
        Assert.Equal($"{file.Path}: cannot be opened: {inner.Message}", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_jpeg_is_a_roi_error_with_the_decoders_reason()
    {
        var file = Jpeg("text.jpg", "not a JPEG file at all"u8.ToArray());
        var error = Assert.Throws<RoiFormatException>(() => CbisDdsmImageReader.Read(file));
        Assert.Equal($"{file.Path}: is not a readable JPEG file: {error.InnerException!.Message}", error.Message);
    }
}
