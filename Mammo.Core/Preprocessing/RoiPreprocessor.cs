using Mammo.Rois;

namespace Mammo.Preprocessing;

/// <summary>
/// Brings a decoded ROI to the backbone's input: a 3 x 224 x 224 planar tensor of grey replicated to R, G and B on a
/// 0..255 scale (what the ResNet18 preprocessing graph expects before it subtracts its mean image).
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>The square to sample: with a lesion mask and a crop factor f &gt; 0, a square of side f x r centred on the
/// lesion's bounding box, r being half the box's longer side (at least <see cref="MinimumLesionSquare"/> pixels);
/// otherwise the square around the whole crop (side = its longer side), so a non-square crop is padded, not stretched.</item>
/// <item>Pixels outside the image repeat the nearest edge pixel (padding that keeps the tissue's texture, with no
/// artificial black border for the network to react to).</item>
/// <item>Resampling to 224 x 224 is bilinear with box supersampling when shrinking, so large crops do not alias.</item>
/// <item>An optional dihedral transform (one of 8 flips and quarter turns) is applied, for augmentation.</item>
/// </list>
/// </remarks>
internal static class RoiPreprocessor
{
    public const int Side = 224;
    public const int Channels = 3;
    public const int TensorLength = Channels * Side * Side;
    public const int MinimumLesionSquare = 32;

    /// <summary>The number of dihedral transforms: identity, 3 quarter turns and 4 reflections.</summary>
    public const int DihedralCount = 8;

    public static float[] Preprocess(RoiImage roi, RoiOptions options, int dihedral = 0)
    {
        var tensor = new float[TensorLength];
        Preprocess(roi, options, dihedral, tensor);
        return tensor;
    }

    public static void Preprocess(RoiImage roi, RoiOptions options, int dihedral, Span<float> tensor)
    {
        if (tensor.Length != TensorLength)
        {
            throw new ArgumentException($"The tensor must hold {TensorLength} floats.", nameof(tensor));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(dihedral);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(dihedral, DihedralCount);
        var (centreX, centreY, side) = SquareToSample(roi, options);
        var step = side / Side;
        var samplesPerAxis = Math.Max(1, (int)Math.Ceiling(step));
        var weight = 255f / (samplesPerAxis * samplesPerAxis);
        var left = centreX - (side / 2);
        var top = centreY - (side / 2);
        var plane = Side * Side;
        for (var v = 0; v < Side; v++)
        {
            for (var u = 0; u < Side; u++)
            {
                var sum = 0f;
                for (var sy = 0; sy < samplesPerAxis; sy++)
                {
                    var y = top + ((v + ((sy + 0.5) / samplesPerAxis)) * step) - 0.5;
                    for (var sx = 0; sx < samplesPerAxis; sx++)
                    {
                        var x = left + ((u + ((sx + 0.5) / samplesPerAxis)) * step) - 0.5;
                        sum += Bilinear(roi, x, y);
                    }
                }

                var (tu, tv) = Transform(u, v, dihedral);
                var value = sum * weight;
                var index = (tv * Side) + tu;
                tensor[index] = value;
                tensor[plane + index] = value;
                tensor[(2 * plane) + index] = value;
            }
        }
    }

    /// <summary>Returns the centre and side, in source pixels, of the square that becomes the 224 x 224 input.</summary>
    internal static (double CentreX, double CentreY, double Side) SquareToSample(RoiImage roi, RoiOptions options)
    {
        if (roi.Mask is { } mask && options.LesionCropFactor > 0)
        {
            int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
            for (var y = 0; y < roi.Height; y++)
            {
                for (var x = 0; x < roi.Width; x++)
                {
                    if (mask[(y * roi.Width) + x])
                    {
                        minX = Math.Min(minX, x);
                        maxX = Math.Max(maxX, x);
                        minY = Math.Min(minY, y);
                        maxY = Math.Max(maxY, y);
                    }
                }
            }

            var radius = Math.Max(maxX - minX + 1, maxY - minY + 1) / 2.0;
            var side = Math.Max(MinimumLesionSquare, options.LesionCropFactor * radius);
            return ((minX + maxX + 1) / 2.0, (minY + maxY + 1) / 2.0, side);
        }

        return (roi.Width / 2.0, roi.Height / 2.0, Math.Max(roi.Width, roi.Height));
    }

    /// <summary>Maps an output position through one of the 8 symmetries of the square.</summary>
    internal static (int U, int V) Transform(int u, int v, int dihedral)
    {
        const int last = Side - 1;
        if ((dihedral & 1) != 0)
        {
            (u, v) = (v, u);
        }

        if ((dihedral & 2) != 0)
        {
            u = last - u;
        }

        if ((dihedral & 4) != 0)
        {
            v = last - v;
        }

        return (u, v);
    }

    private static float Bilinear(RoiImage roi, double x, double y)
    {
        x = Math.Clamp(x, 0, roi.Width - 1);
        y = Math.Clamp(y, 0, roi.Height - 1);
        var x0 = (int)x;
        var y0 = (int)y;
        var x1 = Math.Min(x0 + 1, roi.Width - 1);
        var y1 = Math.Min(y0 + 1, roi.Height - 1);
        var fx = (float)(x - x0);
        var fy = (float)(y - y0);
        var p = roi.Pixels;
        var w = roi.Width;
        var top = p[(y0 * w) + x0] + ((p[(y0 * w) + x1] - p[(y0 * w) + x0]) * fx);
        var bottom = p[(y1 * w) + x0] + ((p[(y1 * w) + x1] - p[(y1 * w) + x0]) * fx);
        return top + ((bottom - top) * fy);
    }
}
