using Mammo.Import.CbisDdsm;

namespace Mammo.Tests.Import.CbisDdsm;

/// <summary>
/// The mask tests (vector searches) agree with their definitions written pixel by pixel: on seeded random small images
/// whose values sit on and beside the quarter, three-quarter and threshold boundaries, lossy and lossless.
/// </summary>
public sealed class CbisDdsmMaskReferenceTests
{
    [Fact]
    public void IsBinary_and_Box_agree_with_the_pixel_by_pixel_definitions()
    {
        var random = new Random(20261129);
        var disagreements = new List<string>();
        for (var trial = 0; trial < 400; trial++)
        {
            var (width, height) = (random.Next(1, 9), random.Next(1, 7));
            var (min, range) = (random.Next(0, 3) * 1000, random.Next(1, 13));
            // Values from a few levels: both extremes, and every level from the quarter to three quarters for small ranges.
            var levels = Enumerable.Range(0, range + 1).Select(l => (ushort)(min + l)).ToArray();
            var midShare = random.NextDouble() < 0.5 ? 0.0 : random.NextDouble() * 0.3;
            var pixels = new ushort[width * height];
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = random.NextDouble() < midShare ? levels[random.Next(levels.Length)] : levels[random.Next(2) == 0 ? 0 : range];
            }

            var lossy = random.Next(2) == 0;
            var image = new CbisDdsmImage("m.jpg", width, height, pixels, lossy);
            if (CbisDdsmMask.IsBinary(image) != ReferenceIsBinary(image))
            {
                disagreements.Add($"IsBinary {width}x{height} lossy={lossy} [{string.Join(",", pixels)}]");
            }

            var threshold = min + (random.Next(0, 4 * range) / 4.0);
            if (CbisDdsmMask.Box(image, threshold) != ReferenceBox(image, threshold))
            {
                disagreements.Add($"Box {width}x{height} threshold={threshold} [{string.Join(",", pixels)}]");
            }
        }

        Assert.Empty(disagreements);
    }

    [Theory]
    [InlineData(127.5)]
    [InlineData(128.0)] // a sample equal to an integer threshold is not above it
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(65534.5)]
    [InlineData(65535.0)]
    public void The_imported_mask_is_1_exactly_where_a_sample_is_above_the_threshold(double threshold)
    {
        var random = new Random(20261130);
        ushort[] edges = [0, 1, 126, 127, 128, 129, 65534, 65535];
        var mask = Enumerable.Range(0, 257).Select(i => i < edges.Length ? edges[i] : (ushort)random.Next(0, 65536)).ToArray();
        var expected = mask.Select(m => m > threshold ? (byte)1 : (byte)0).ToArray();
        Assert.Equal(expected, CbisDdsmImporter.Binarize(mask, threshold));
    }

    [Fact]
    public void A_large_lossy_mask_may_have_one_percent_of_mid_grey_and_no_more()
    {
        // 100 x 100 pixels: 100 mid-grey pixels are allowed, 101 are not.
        var pixels = new ushort[100 * 100];
        for (var i = 0; i < pixels.Length; i += 2)
        {
            pixels[i] = 255;
        }

        for (var i = 1; i <= 100; i++)
        {
            pixels[(2 * i) - 1] = 128;
        }

        Assert.True(CbisDdsmMask.IsBinary(new CbisDdsmImage("m.jpg", 100, 100, pixels, IsLossy: true)));
        pixels[201] = 128;
        Assert.False(CbisDdsmMask.IsBinary(new CbisDdsmImage("m.jpg", 100, 100, pixels, IsLossy: true)));
    }

    private static bool ReferenceIsBinary(CbisDdsmImage image)
    {
        if (image.Pixels.Length == 0)
        {
            return false;
        }

        int min = image.Pixels.Min(), max = image.Pixels.Max();
        if (max <= min)
        {
            return false;
        }

        if (!image.IsLossy)
        {
            return image.Pixels.All(p => p == min || p == max);
        }

        var (low, high) = (min + ((max - min) / 4.0), min + (3 * (max - min) / 4.0));
        return image.Pixels.Count(p => p > low && p < high) <= 0.01 * image.Pixels.Length;
    }

    private static (int Left, int Top, int Right, int Bottom)? ReferenceBox(CbisDdsmImage image, double threshold)
    {
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                if (image.Pixels[(y * image.Width) + x] > threshold)
                {
                    (left, right, top, bottom) = (Math.Min(left, x), Math.Max(right, x), Math.Min(top, y), y);
                }
            }
        }

        return right < 0 ? null : (left, top, right, bottom);
    }
}
