using Mammo.Rois;
using Mammo.Tests.Support;

namespace Mammo.Tests.Rois;

public sealed class PngGrayscaleTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public void Round_trips_every_sample(int bitDepth)
    {
        var random = new Random(5);
        var samples = Enumerable.Range(0, 37 * 41).Select(_ => (ushort)random.Next(bitDepth == 8 ? 256 : 65536)).ToArray();
        var (width, height, depth, decoded) = PngGrayscale.Decode("x.png", PngGrayscale.Encode(37, 41, bitDepth, samples));
        Assert.Equal((37, 41, bitDepth), (width, height, depth));
        Assert.Equal(samples.Select(s => (float)s), decoded);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "png", name);

    // The pixel values Fixtures/png/make_png_fixtures.py wrote.
    private static int Grey8(int x, int y) => ((x * 11) + (y * 17) + (x * y % 7)) % 256;

    private static int Grey16(int x, int y) => ((x * 2311) + (y * 4093) + (x * y * 7)) % 65536;

    private static float[] Expected(int bitDepth) =>
        [.. Enumerable.Range(0, 20 * 18).Select(i => (float)(bitDepth == 8 ? Grey8(i % 20, i / 20) : Grey16(i % 20, i / 20)))];

    [Theory]
    [InlineData("grey8_filters.png", 8)]
    [InlineData("grey16_filters.png", 16)]
    public void Every_row_filter_decodes_to_what_an_independent_encoder_wrote(string name, int bitDepth)
    {
        // The fixture's rows cycle through filters 0-4 (none, sub, up, average, Paeth).
        var (width, height, depth, samples) = PngGrayscale.Decode(name, File.ReadAllBytes(Fixture(name)));
        Assert.Equal((20, 18, bitDepth), (width, height, depth));
        Assert.Equal(Expected(bitDepth), samples);
    }

    [Theory]
    [InlineData("rgb8_equal.png", 8)]
    [InlineData("rgba8_equal.png", 8)]
    [InlineData("la8_equal.png", 8)]
    [InlineData("rgb16_equal.png", 16)]
    [InlineData("rgba16_equal.png", 16)]
    [InlineData("la16_equal.png", 16)]
    public void Grey_stored_as_colour_is_read_as_grey_and_alpha_is_ignored(string name, int bitDepth)
    {
        var (_, _, depth, samples) = PngGrayscale.Decode(name, File.ReadAllBytes(Fixture(name)));
        Assert.Equal(bitDepth, depth);
        Assert.Equal(Expected(bitDepth), samples);
        var roi = RoiReader.Read(Fixture(name), RoiOptions.Default);
        Assert.Equal((20, 18), (roi.Width, roi.Height));
    }

    [Theory]
    [InlineData("rgb8_colour.png", "pixel (11, 0)")]
    [InlineData("rgb16_colour.png", "pixel (7, 5)")]
    public void True_colour_is_refused_naming_the_pixel(string name, string pixel)
    {
        var e = Assert.Throws<RoiFormatException>(() => RoiReader.Read(Fixture(name), RoiOptions.Default));
        Assert.Contains("true-colour RGB PNG", e.Message);
        Assert.Contains(pixel, e.Message);
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void Sixteen_bit_precision_is_kept_through_the_roi_reader()
    {
        // Two images differing by one 16-bit step must read differently.
        var path = TestFiles.WritePng(directory.File("a.png"), 64, 48, 16);
        var roi = RoiReader.Read(path, RoiOptions.Default);
        Assert.True(roi.Pixels.Distinct().Count() > 256);
    }

    [Fact]
    public void A_mask_file_beside_the_crop_is_used()
    {
        var path = TestFiles.WritePng(directory.File("P_00001_LEFT_CC_1.png"), 64, 64, 8);
        var mask = Enumerable.Range(0, 64 * 64).Select(i => (ushort)((i % 64) is > 20 and < 40 && (i / 64) is > 20 and < 40 ? 255 : 0)).ToArray();
        File.WriteAllBytes(directory.File("P_00001_LEFT_CC_1_mask.png"), PngGrayscale.Encode(64, 64, 8, mask));
        var roi = RoiReader.Read(path, RoiOptions.Default);
        Assert.Equal(new LesionBounds(21, 21, 39, 39), roi.Lesion);
    }

    [Fact]
    public void Truncated_colour_and_tiny_pngs_are_refused()
    {
        var good = PngGrayscale.Encode(64, 64, 8, Enumerable.Range(0, 4096).Select(i => (ushort)(i % 256)).ToArray());
        Assert.Contains("truncated", Decode(good[..(good.Length - 20)]).Message);
        var colour = (byte[])good.Clone();
        colour[8 + 8 + 9] = 2;
        Assert.Contains("PNG", Decode(colour).Message);
        Assert.Contains("1 x 1", Decode(PngGrayscale.Encode(1, 1, 8, [7])).Message);
        Assert.Contains("not a PNG", Decode([1, 2, 3]).Message);
    }

    [Fact]
    public void A_palette_png_is_refused()
    {
        // Colour with equal channels is read as grey (see the fixtures above); a palette is not a stored grey value.
        var png = PngGrayscale.Encode(32, 32, 8, new ushort[32 * 32]);
        png[8 + 8 + 9] = 3; // colour type palette; fix the CRC so only the colour type is wrong
        FixHeaderCrc(png);
        Assert.Contains("palette PNG", Decode(png).Message);
    }

    private static RoiFormatException Decode(byte[] png) => Assert.Throws<RoiFormatException>(() => PngGrayscale.Decode("bad.png", png));

    private static void FixHeaderCrc(byte[] png)
    {
        uint crc = 0xFFFFFFFF;
        for (var i = 12; i < 12 + 17; i++)
        {
            crc ^= png[i];
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        crc ^= 0xFFFFFFFF;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), crc);
    }
}
