using Mammo.Rois;
using Mammo.Tests.Support;

namespace Mammo.Tests.Rois;

/// <summary>
/// The five row filters on seeded images, filtered here as the PNG specification (section 9) defines them, for every
/// bytes-per-pixel the reader meets: grey 8 (1), grey 16 (2), RGB 8 (3), grey + alpha 16 (4) and RGBA 16 (8).
/// </summary>
public sealed class PngGrayscaleFilterTests
{
    private const int Side = 16;

    [Theory]
    [InlineData(8, 0, 1)]
    [InlineData(16, 0, 2)]
    [InlineData(8, 2, 3)]
    [InlineData(16, 4, 4)]
    [InlineData(16, 6, 8)]
    public void Every_filter_in_every_row_decodes_to_the_pixels_that_were_filtered(int bitDepth, int colourType, int bytesPerPixel)
    {
        var random = new Random(bytesPerPixel);
        var bytesPerSample = bitDepth / 8;
        var channels = bytesPerPixel / bytesPerSample;
        var stride = Side * bytesPerPixel;
        var grey = new int[Side * Side];
        var image = new byte[Side][];
        for (var y = 0; y < Side; y++)
        {
            image[y] = new byte[stride];
            for (var x = 0; x < Side; x++)
            {
                // Half the values from a tiny range: ties between the Paeth predictor's distances come up often.
                grey[(y * Side) + x] = random.Next(2) == 0 ? random.Next(1 << bitDepth) : random.Next(3);
                for (var c = 0; c < channels; c++)
                {
                    // Colour channels repeat the grey value; an alpha channel (the last of 2 or 4) is noise.
                    var alpha = channels is 2 or 4 && c == channels - 1;
                    var v = alpha ? random.Next(1 << bitDepth) : grey[(y * Side) + x];
                    var at = (x * bytesPerPixel) + (c * bytesPerSample);
                    if (bytesPerSample == 1)
                    {
                        image[y][at] = (byte)v;
                    }
                    else
                    {
                        image[y][at] = (byte)(v >> 8);
                        image[y][at + 1] = (byte)v;
                    }
                }
            }
        }

        // Rows cycle through the filters, starting at each one for a different first row (its "up" is all zero).
        var raw = new List<byte>();
        for (var y = 0; y < Side; y++)
        {
            var filter = (byte)((y + bytesPerPixel) % 5);
            raw.Add(filter);
            raw.AddRange(Filter(filter, image[y], y == 0 ? new byte[stride] : image[y - 1], bytesPerPixel));
        }

        var png = TestPng.File(TestPng.Ihdr(Side, Side, bitDepth, colourType), TestPng.Idat([.. raw]), TestPng.Iend());
        var (_, _, _, samples) = PngGrayscale.Decode("filters.png", png);
        Assert.Equal(grey.Select(v => (float)v), samples);
    }

    [Fact]
    public void Paeth_predicts_from_the_upper_left_neighbour_when_it_is_closest()
    {
        // Row 0 (filter 0) starts 15, 20; row 1 (Paeth) starts 10 (Paeth(0, 15, 0) = 15, stored -5), then a pixel with
        // a = 10, b = 20, c = 15: p = 15, so |p - c| = 0 is the smallest distance and the predictor is c = 15.
        var row0 = new byte[Side + 1];
        row0[1] = 15;
        row0[2] = 20;
        var row1 = new byte[Side + 1];
        row1[0] = 4;
        row1[1] = unchecked((byte)(10 - 15));
        row1[2] = 100 - 15;
        var rest = Enumerable.Repeat(new byte[Side + 1], Side - 2).SelectMany(r => r);
        var png = TestPng.File(TestPng.Ihdr(Side, Side), TestPng.Idat([.. row0, .. row1, .. rest]), TestPng.Iend());
        var (_, _, _, samples) = PngGrayscale.Decode("paeth.png", png);
        Assert.Equal([10f, 100f], samples.AsSpan(Side, 2).ToArray());
    }

    private static byte[] Filter(byte filter, byte[] row, byte[] up, int bpp)
    {
        var output = new byte[row.Length];
        for (var i = 0; i < row.Length; i++)
        {
            int a = i >= bpp ? row[i - bpp] : 0, b = up[i], c = i >= bpp ? up[i - bpp] : 0;
            var predictor = filter switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                _ => Paeth(a, b, c),
            };
            output[i] = unchecked((byte)(row[i] - predictor));
        }

        return output;
    }

    // Section 9.4 of the PNG specification, as written there.
    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc)
        {
            return a;
        }

        return pb <= pc ? b : c;
    }
}
