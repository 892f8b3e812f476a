using System.Buffers.Binary;
using Mammo.Rois;
using Mammo.Tests.Support;

namespace Mammo.Tests.Rois;

/// <summary>Each damage a PNG can have, alone in an otherwise valid file, and the exact refusal it gets.</summary>
public sealed class PngGrayscaleRefusalTests
{
    private const string Path = "bad.png";

    // Sixteen rows of sixteen grey bytes, each row with filter 0.
    private static byte[] Raw(int rows = 16, byte filter = 0) =>
        [.. Enumerable.Range(0, rows).SelectMany(y => new[] { filter }.Concat(Enumerable.Range(0, 16).Select(x => (byte)((x * 16) + y))))];

    private static void Refused(byte[] png, string problem) =>
        Assert.Equal($"{Path}: {problem}", Assert.Throws<RoiFormatException>(() => PngGrayscale.Decode(Path, png)).Message);

    [Fact]
    public void A_hand_built_file_decodes_so_each_refusal_below_is_the_one_damage()
    {
        var (width, height, depth, samples) = PngGrayscale.Decode(Path, TestPng.File(TestPng.Ihdr(16, 16), TestPng.Idat(Raw()), TestPng.Iend()));
        Assert.Equal((16, 16, 8), (width, height, depth));
        Assert.Equal(16f * 3 + 2, samples[(2 * 16) + 3]);
    }

    [Theory]
    [InlineData(29, "IHDR")] // the first byte of IHDR's CRC
    [InlineData(42, "IDAT")] // a byte of the compressed data
    public void A_chunk_whose_crc_does_not_match_is_refused_naming_the_chunk(int index, string chunk)
    {
        var png = PngGrayscale.Encode(16, 16, 8, new ushort[256]);
        png[index] ^= 1;
        Refused(png, $"is a damaged PNG file (CRC mismatch in chunk '{chunk}')");
    }

    [Fact]
    public void A_file_without_an_ihdr_chunk_is_refused()
    {
        var png = TestPng.File(TestPng.Chunk("tEXt", [.. "Comment\0no IHDR"u8]), TestPng.Iend());
        Refused(png, "is a PNG file without an IHDR chunk");
    }

    [Theory]
    [InlineData(0)] // ends right after a chunk
    [InlineData(4)] // the next chunk's length, nothing more
    [InlineData(11)] // one byte short of an empty IEND
    public void A_file_that_ends_before_its_iend_chunk_is_refused(int iendBytes)
    {
        var png = TestPng.File(TestPng.Ihdr(16, 16), TestPng.Idat(Raw()), TestPng.Iend()[..iendBytes]);
        Refused(png, "is a truncated PNG file (it ends before its IEND chunk)");
    }

    [Fact]
    public void A_signature_and_header_alone_are_a_truncated_png_one_byte_less_is_not_a_png()
    {
        var png = TestPng.File(TestPng.Ihdr(16, 16));
        Assert.Equal(33, png.Length);
        Refused(png, "is a truncated PNG file (it ends before its IEND chunk)");
        Refused(png[..32], "is not a PNG file (no PNG signature)");
        png[0] = 0x89 ^ 1;
        Refused(png, "is not a PNG file (no PNG signature)");
    }

    [Fact]
    public void A_chunk_one_byte_longer_than_the_file_is_refused_one_that_fits_is_not()
    {
        var good = PngGrayscale.Encode(16, 16, 8, new ushort[256]);
        Refused(good[..^12], "is a truncated PNG file (it ends before its IEND chunk)");
        Refused(good[..^13], "is a truncated PNG file (a chunk runs past the end of the file)");
    }

    [Theory]
    [InlineData(0x80000000u)]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0xFFFFFFFFu)]
    public void A_chunk_length_beyond_any_file_is_refused(uint length)
    {
        var png = TestPng.File(TestPng.Ihdr(16, 16), TestPng.Idat(Raw()), TestPng.Iend());
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(33), length);
        Refused(png, "is a truncated PNG file (a chunk runs past the end of the file)");
    }

    [Theory]
    [InlineData(12)]
    [InlineData(14)]
    public void An_ihdr_chunk_of_the_wrong_length_is_refused(int length)
    {
        var png = TestPng.File(TestPng.Chunk("IHDR", new byte[length]), TestPng.Iend());
        Refused(png, "is a damaged PNG file (IHDR chunk of the wrong length)");
    }

    [Theory]
    [InlineData(1, "colour type 1")]
    [InlineData(3, "palette")]
    [InlineData(5, "colour type 5")]
    [InlineData(7, "colour type 7")]
    public void A_colour_type_other_than_grey_or_grey_stored_as_colour_is_refused_by_name(int colourType, string kind)
    {
        var png = TestPng.File(TestPng.Ihdr(16, 16, 8, colourType), TestPng.Iend());
        Refused(png, $"is a {kind} PNG; ROI crops must be grey (or grey stored as RGB, RGBA or grey with alpha)");
    }

    [Theory]
    [InlineData(1, 0, "1-bit grey")]
    [InlineData(4, 0, "4-bit grey")]
    [InlineData(4, 2, "4-bit RGB")]
    [InlineData(2, 4, "2-bit grey with alpha")]
    [InlineData(12, 6, "12-bit RGBA")]
    public void A_bit_depth_other_than_8_or_16_is_refused_with_its_colour_type(int bitDepth, int colourType, string kind)
    {
        var png = TestPng.File(TestPng.Ihdr(16, 16, bitDepth, colourType), TestPng.Iend());
        Refused(png, $"is a {kind} PNG; 8-bit and 16-bit are supported");
    }

    [Fact]
    public void An_interlaced_file_is_refused()
    {
        var png = TestPng.File(TestPng.Ihdr(16, 16, interlace: 1), TestPng.Idat(Raw()), TestPng.Iend());
        Refused(png, "is an interlaced PNG; re-save it without interlacing");
    }

    [Theory]
    [InlineData(15, 16)]
    [InlineData(16, 8193)]
    public void A_header_with_a_side_out_of_range_is_refused(int width, int height)
    {
        var png = TestPng.File(TestPng.Ihdr(width, height), TestPng.Iend());
        Refused(png, $"the image is {width} x {height} pixels; sides from 16 to 8192 are accepted");
    }

    [Fact]
    public void Corrupt_compressed_data_is_refused_with_the_inflater_error_as_cause()
    {
        // 0x78 0x9C is a valid zlib header; the first deflate block then has the reserved block type 3.
        var png = TestPng.File(TestPng.Ihdr(16, 16), TestPng.Chunk("IDAT", [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF]), TestPng.Iend());
        var e = Assert.Throws<RoiFormatException>(() => PngGrayscale.Decode(Path, png));
        Assert.Equal($"{Path}: is a damaged PNG file (its compressed pixel data is truncated or corrupt)", e.Message);
        Assert.IsType<InvalidDataException>(e.InnerException);
    }

    [Fact]
    public void Compressed_data_one_row_short_is_refused_with_the_end_of_stream_as_cause()
    {
        var png = TestPng.File(TestPng.Ihdr(16, 16), TestPng.Idat(Raw(rows: 15)), TestPng.Iend());
        var e = Assert.Throws<RoiFormatException>(() => PngGrayscale.Decode(Path, png));
        Assert.Equal($"{Path}: is a damaged PNG file (its compressed pixel data is truncated or corrupt)", e.Message);
        Assert.IsType<EndOfStreamException>(e.InnerException);
    }

    [Fact]
    public void An_unknown_row_filter_is_refused_naming_it()
    {
        var png = TestPng.File(TestPng.Ihdr(16, 16), TestPng.Idat(Raw(filter: 5)), TestPng.Iend());
        Refused(png, "is a damaged PNG file (unknown row filter 5)");
    }
}
