using System.Numerics.Tensors;

namespace Mammo.Rois;

/// <summary>The bounding box of a lesion mask, in pixels, edges included.</summary>
internal readonly record struct LesionBounds(int Left, int Top, int Right, int Bottom)
{
    /// <summary>
    /// Finds the box of the lesion pixels of one channel of interleaved samples: those above half the channel's maximum
    /// (0/1 and 0/255 masks alike). Returns <see langword="null"/> for an empty or unusable mask.
    /// </summary>
    public static LesionBounds? Find<T>(ReadOnlySpan<T> samples, int width, int channels, int channel)
        where T : struct, System.Numerics.INumberBase<T>
    {
        var count = samples.Length / channels;
        var max = float.NegativeInfinity;
        for (var i = channel; i < samples.Length; i += channels)
        {
            max = Math.Max(max, float.CreateTruncating(samples[i]));
        }

        if (!(max > 0) || float.IsInfinity(max))
        {
            return null;
        }

        var threshold = max / 2;
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
        for (var i = 0; i < count; i++)
        {
            if (float.CreateTruncating(samples[(i * channels) + channel]) > threshold)
            {
                var (y, x) = Math.DivRem(i, width);
                left = Math.Min(left, x);
                right = Math.Max(right, x);
                top = Math.Min(top, y);
                bottom = y;
            }
        }

        return right < 0 ? null : new LesionBounds(left, top, right, bottom);
    }
}
