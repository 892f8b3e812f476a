using System.Numerics.Tensors;

namespace Mammo.Import.CbisDdsm;

/// <summary>
/// Tells a lesion mask from a cropped image by content (the archive swaps their names for many rows): a mask is binary
/// - after allowing for JPEG compression noise - while a crop is mammogram tissue, mostly mid-grey.
/// </summary>
internal static class CbisDdsmMask
{
    /// <summary>A mask may have this fraction of pixels in the middle half of its range (JPEG ringing along the edge); a crop has far more.</summary>
    public const double MaximumMidGreyFraction = 0.01;

    /// <summary>Whether the image is a two-level mask with both levels present.</summary>
    public static bool IsBinary(CbisDdsmImage image)
    {
        var (min, max) = Range(image.Pixels);
        if (max <= min)
        {
            return false;
        }

        var range = max - min;
        var pixels = image.Pixels.AsSpan();
        if (!image.IsLossy)
        {
            // Lossless: exactly two values.
            return !pixels.ContainsAnyExcept((ushort)min, (ushort)max);
        }

        // Mid-grey is strictly between a quarter and three quarters of the range; for integer samples that is the
        // inclusive range [floor(low) + 1, ceil(high) - 1]. Counted by vector searches that stop once the allowance
        // is exceeded (a crop exceeds it at once; a mask has few such pixels).
        var lowest = Math.Floor(min + (range / 4.0)) + 1;
        var highest = Math.Ceiling(min + (3 * range / 4.0)) - 1;
        if (lowest > highest)
        {
            return true;
        }

        var allowed = (long)Math.Floor(MaximumMidGreyFraction * pixels.Length);
        long mid = 0;
        for (var found = pixels.IndexOfAnyInRange((ushort)lowest, (ushort)highest); found >= 0; found = pixels.IndexOfAnyInRange((ushort)lowest, (ushort)highest))
        {
            if (++mid > allowed)
            {
                return false;
            }

            pixels = pixels[(found + 1)..];
        }

        return true;
    }

    /// <summary>The level between a mask's two: pixels above it are lesion (this removes JPEG noise around 0 and 255).</summary>
    public static double Threshold(CbisDdsmImage image)
    {
        var (min, max) = Range(image.Pixels);
        return min + ((max - min) / 2.0);
    }

    /// <summary>The bounding box (edges included) of the pixels above <paramref name="threshold"/>, or null when there are none.</summary>
    public static (int Left, int Top, int Right, int Bottom)? Box(CbisDdsmImage image, double threshold)
    {
        // Lesion pixels are those at or above the first integer over the threshold; each row is searched from both ends
        // by vector searches instead of testing every pixel.
        var lowest = Math.Floor(threshold) + 1;
        if (lowest > ushort.MaxValue)
        {
            return null;
        }

        var lesion = (ushort)Math.Max(lowest, 0);
        int left = int.MaxValue, top = -1, right = -1, bottom = -1;
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Pixels.AsSpan(y * image.Width, image.Width);
            var first = row.IndexOfAnyInRange(lesion, ushort.MaxValue);
            if (first < 0)
            {
                continue;
            }

            left = Math.Min(left, first);
            right = Math.Max(right, row.LastIndexOfAnyInRange(lesion, ushort.MaxValue));
            top = top < 0 ? y : top;
            bottom = y;
        }

        return right < 0 ? null : (left, top, right, bottom);
    }

    private static (int Min, int Max) Range(ushort[] pixels)
    {
        return pixels.Length == 0 ? (0, 0) : (TensorPrimitives.Min<ushort>(pixels), TensorPrimitives.Max<ushort>(pixels));
    }
}
