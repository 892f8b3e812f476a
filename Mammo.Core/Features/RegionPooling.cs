using Mammo.Backbone;

namespace Mammo.Features;

/// <summary>Pure functions that turn feature maps into vectors: pooling over a region, signed square root, L2 normalisation.</summary>
internal static class RegionPooling
{
    /// <summary>Writes each channel's mean and maximum over the region's cells.</summary>
    public static void MeanMax(ReadOnlySpan<float> map, MapShape shape, ReadOnlySpan<bool> region, Span<float> mean, Span<float> max)
    {
        if (map.Length != shape.Length || region.Length != shape.Cells || mean.Length != shape.Channels || max.Length != shape.Channels)
        {
            throw new ArgumentException("The map, region and outputs must match the map's shape.");
        }

        for (var c = 0; c < shape.Channels; c++)
        {
            var plane = map.Slice(c * shape.Cells, shape.Cells);
            double sum = 0;
            var count = 0;
            var best = float.NegativeInfinity;
            for (var k = 0; k < plane.Length; k++)
            {
                if (region[k])
                {
                    sum += plane[k];
                    count++;
                    best = Math.Max(best, plane[k]);
                }
            }

            if (count == 0)
            {
                throw new ArgumentException("The region holds no cell.", nameof(region));
            }

            mean[c] = (float)(sum / count);
            max[c] = best;
        }
    }

    /// <summary>Replaces each value x by sign(x) * sqrt(|x|), which evens out bursty activations.</summary>
    public static void SignedSquareRoot(Span<float> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = MathF.CopySign(MathF.Sqrt(MathF.Abs(values[i])), values[i]);
        }
    }

    /// <summary>Scales the values to unit Euclidean length; an all-zero vector stays zero.</summary>
    public static void L2Normalize(Span<float> values)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(values);
        if (norm > 0 && float.IsFinite(norm))
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(values, 1 / norm, values);
        }
    }
}
