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
        if (!image.IsLossy)
        {
            // Lossless: exactly two values.
            foreach (var p in image.Pixels)
            {
                if (p != min && p != max)
                {
                    return false;
                }
            }

            return true;
        }

        var low = min + (range / 4.0);
        var high = min + (3 * range / 4.0);
        long mid = 0;
        foreach (var p in image.Pixels)
        {
            if (p > low && p < high)
            {
                mid++;
            }
        }

        return mid <= MaximumMidGreyFraction * image.Pixels.Length;
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
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Pixels.AsSpan(y * image.Width, image.Width);
            for (var x = 0; x < row.Length; x++)
            {
                if (row[x] > threshold)
                {
                    left = Math.Min(left, x);
                    right = Math.Max(right, x);
                    top = Math.Min(top, y);
                    bottom = y;
                }
            }
        }

        return right < 0 ? null : (left, top, right, bottom);
    }

    private static (int Min, int Max) Range(ushort[] pixels)
    {
        return pixels.Length == 0 ? (0, 0) : (TensorPrimitives.Min<ushort>(pixels), TensorPrimitives.Max<ushort>(pixels));
    }
}
