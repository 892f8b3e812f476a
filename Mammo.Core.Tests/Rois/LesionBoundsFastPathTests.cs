using Mammo.Rois;

namespace Mammo.Tests.Rois;

/// <summary>
/// An 8-bit mask is scanned with bulk skips (and gathered first when interleaved with its image); the general path
/// converts every pixel to float. Both must give the same box, or refuse the mask with the same message.
/// </summary>
public sealed class LesionBoundsFastPathTests
{
    private static string Outcome(Func<LesionBounds?> find)
    {
        try
        {
            return find()?.ToString() ?? "none";
        }
        catch (RoiFormatException e)
        {
            return "refused: " + e.Message;
        }
    }

    /// <summary>Masks of every kind the check meets: empty, 0/1, 0/255, blobs, rings, noise, soft edges, several regions.</summary>
    private static byte[] Mask(Random random, int width, int height)
    {
        var mask = new byte[width * height];
        var level = random.Next(4) switch { 0 => (byte)1, 1 => (byte)255, 2 => (byte)random.Next(1, 256), _ => (byte)random.Next(2, 40) };
        var blobs = random.Next(0, 4);
        for (var b = 0; b < blobs; b++)
        {
            int cx = random.Next(width), cy = random.Next(height), r = random.Next(1, Math.Max(2, Math.Min(width, height) / 3));
            for (var y = Math.Max(0, cy - r); y < Math.Min(height, cy + r); y++)
            {
                for (var x = Math.Max(0, cx - r); x < Math.Min(width, cx + r); x++)
                {
                    var d = Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy)));
                    if (d < r)
                    {
                        // A soft edge on some masks: values between the two levels near the border.
                        mask[(y * width) + x] = random.Next(3) == 0 && d > r - 1.5 ? (byte)(level * random.NextDouble()) : level;
                    }
                }
            }
        }

        var noise = random.Next(3) == 0 ? random.Next(1, 50) : 0;
        for (var k = 0; k < noise; k++)
        {
            mask[random.Next(mask.Length)] = (byte)random.Next(256);
        }

        return mask;
    }

    [Fact]
    public void The_8_bit_path_agrees_with_the_general_one_on_random_masks()
    {
#if MUTATION_RUN
        // Stryker runs this test for each of LesionBounds' mutants: a quarter of the masks there (it was the run's
        // dearest file, 3.4 s a mutant); the main suite checks all 600.
        const int trials = 150;
#else
        const int trials = 600;
#endif
        var random = new Random(17);
        var refused = 0;
        var found = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            int width = random.Next(1, 70), height = random.Next(1, 70);
            var mask = Mask(random, width, height);
            var floats = mask.Select(v => (float)v).ToArray();
            var expected = Outcome(() => LesionBounds.Find<float>(floats, width, 1, 0));
            Assert.Equal(expected, Outcome(() => LesionBounds.Find<byte>(mask, width, 1, 0)));

            // Interleaved with an image channel of arbitrary bytes, as an H x W x 2 HDF5 ROI stores it.
            var interleaved = new byte[mask.Length * 2];
            for (var i = 0; i < mask.Length; i++)
            {
                interleaved[2 * i] = (byte)random.Next(256);
                interleaved[(2 * i) + 1] = mask[i];
            }

            Assert.Equal(expected, Outcome(() => LesionBounds.Find<byte>(interleaved, width, 2, 1)));
            refused += expected.StartsWith("refused", StringComparison.Ordinal) ? 1 : 0;
            found += expected.StartsWith("LesionBounds", StringComparison.Ordinal) ? 1 : 0;
        }

        // The generator covers accepted and refused masks alike.
        Assert.InRange(refused, trials / 20, trials - (trials / 20));
        Assert.InRange(found, trials / 20, trials - (trials / 20));
    }
}
