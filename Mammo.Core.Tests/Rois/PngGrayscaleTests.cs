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
    public void A_colour_png_is_refused_as_not_grayscale()
    {
        var png = PngGrayscale.Encode(32, 32, 8, new ushort[32 * 32]);
        png[8 + 8 + 9] = 2; // colour type RGB; fix the CRC so only the colour type is wrong
        FixHeaderCrc(png);
        Assert.Contains("RGB PNG", Decode(png).Message);
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
