using System.Numerics.Tensors;
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
/// <item>The result is stretched to 0..255 by its own minimum and maximum: the contrast the network sees depends on
/// the square it sees, not on how much margin the ROI file keeps around it (see <see cref="StretchToFullRange"/>).</item>
/// <item>An optional dihedral transform (one of 8 flips and quarter turns) is applied, for augmentation.</item>
/// </list>
/// </remarks>
internal static class RoiPreprocessor
{
    public const int Side = 224;
    public const int Channels = 3;
    public const int TensorLength = Channels * Side * Side;
    public const int MinimumLesionSquare = 32;

    /// <summary>
    /// The version of what this type (with the ROI readers and the backbone's mean subtraction) does to pixels: part of every
    /// feature-cache key and recorded in saved models. Raise it whenever a change alters the tensor of any ROI.
    /// </summary>
    public const int Version = 3;

    /// <summary>What preprocessing does, with its <see cref="Version"/>, as recorded in a model's manifest.</summary>
    public const string Description =
        "preprocess-v3: lesion-centred square (mask) or padded whole crop; bilinear + box supersampling to 224; min-max of the 224 x 224 result to 0..255; grey to RGB; BGR minus ResNet mean image";

    /// <summary>The number of dihedral transforms: identity, 3 quarter turns and 4 reflections.</summary>
    public const int DihedralCount = 8;

    public static float[] Preprocess(RoiImage roi, RoiOptions options, int dihedral = 0)
    {
        var tensor = new float[TensorLength];
        Preprocess(roi, options, dihedral, tensor);
        return tensor;
    }

    public static void Preprocess(RoiImage roi, RoiOptions options, int dihedral, Span<float> tensor) =>
        Write(Resample(roi, options), dihedral, tensor);

    /// <summary>
    /// The untransformed 224 x 224 grey plane of a ROI, resampled and stretched to 0..255: computed once per ROI, then
    /// written under each dihedral transform by <see cref="Write"/> (augmentation decodes and resamples a ROI once for
    /// all eight).
    /// </summary>
    public static float[] Resample(RoiImage roi, RoiOptions options)
    {
        var (centreX, centreY, side) = SquareToSample(roi, options);
        var step = side / Side;
        var samplesPerAxis = Math.Max(1, (int)Math.Ceiling(step));

        // Each output pixel is the mean of samplesPerAxis^2 bilinear samples, which factors into one weight per source
        // column and one per source row: source rows are filtered once (a dot product per output column), then blended
        // into output rows by vector multiply-adds. Vector kernels for the inner loops: SIMD, and a mutation run's
        // per-expression checks cost a few per output pixel instead of dozens.
        var xs = AxisTaps(centreX - (side / 2), step, samplesPerAxis, roi.Width, 255f / samplesPerAxis);
        var ys = AxisTaps(centreY - (side / 2), step, samplesPerAxis, roi.Height, 1f / samplesPerAxis);
        var pixels = roi.Pixels;
        var width = roi.Width;
        var filtered = new float[roi.Height][];
        var plane = new float[Side * Side];
        for (var v = 0; v < Side; v++)
        {
            var row = plane.AsSpan(v * Side, Side);
            var (top, rowWeights) = ys[v];
            for (var k = 0; k < rowWeights.Length; k++)
            {
                TensorPrimitives.MultiplyAdd(Filtered(top + k), rowWeights[k], row, row);
            }
        }

        // The stretch is by the plane's minimum and maximum, which no permutation changes: once, before the transforms.
        StretchToFullRange(plane);
        return plane;

        float[] Filtered(int y)
        {
            if (filtered[y] is { } done)
            {
                return done;
            }

            var source = pixels.AsSpan(y * width, width);
            var result = new float[Side];
            for (var u = 0; u < Side; u++)
            {
                var (left, weights) = xs[u];
                result[u] = TensorPrimitives.Dot(source.Slice(left, weights.Length), weights);
            }

            return filtered[y] = result;
        }
    }

    /// <summary>Writes a <see cref="Resample"/>d plane under one dihedral transform as the 3-channel tensor.</summary>
    public static void Write(ReadOnlySpan<float> plane, int dihedral, Span<float> tensor)
    {
        const int planeLength = Side * Side;
        ArgumentOutOfRangeException.ThrowIfNegative(dihedral);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(dihedral, DihedralCount);
        if (plane.Length != planeLength)
        {
            throw new ArgumentException($"The plane must hold {planeLength} floats.", nameof(plane));
        }

        if (tensor.Length != TensorLength)
        {
            throw new ArgumentException($"The tensor must hold {TensorLength} floats.", nameof(tensor));
        }

        var output = tensor[..planeLength];
        for (var v = 0; v < Side; v++)
        {
            Place(plane.Slice(v * Side, Side), v, dihedral, output);
        }

        output.CopyTo(tensor.Slice(planeLength, planeLength));
        output.CopyTo(tensor.Slice(2 * planeLength, planeLength));
    }

    /// <summary>Writes output row <paramref name="v"/> where the dihedral transform sends it.</summary>
    private static void Place(ReadOnlySpan<float> row, int v, int dihedral, Span<float> plane)
    {
        var (firstU, firstV) = Transform(0, v, dihedral);
        if ((dihedral & 1) == 0)
        {
            // Without the transpose a row stays a row, reversed or not.
            var target = plane.Slice(firstV * Side, Side);
            row.CopyTo(target);
            if (firstU != 0)
            {
                target.Reverse();
            }

            return;
        }

        // With the transpose the row becomes a column (firstU), written from its top or its bottom (firstV) with a
        // stride: one index step per pixel. A call of Transform per pixel made this the preprocessor's dearest loop in a
        // mutation run (a third of the augmented training tests' time).
        var stride = firstV == 0 ? Side : -Side;
        var index = (firstV * Side) + firstU;
        foreach (var value in row)
        {
            plane[index] = value;
            index += stride;
        }
    }

    /// <summary>
    /// Stretches one 224 x 224 plane to 0..255 by its own minimum and maximum, so the network sees the same input whatever
    /// margin the ROI file keeps around the square (a window of 8 radii, a 256-pixel patch, a whole crop) and whatever the
    /// film's grey scale; a constant plane is left as it is. Measured on MIAS (10 x 5-fold, fixed recipes): stretching by
    /// the stored window instead cost 0.02-0.06 AUC on every recipe.
    /// </summary>
    internal static void StretchToFullRange(Span<float> plane)
    {
        var min = TensorPrimitives.Min(plane);
        var max = TensorPrimitives.Max(plane);
        if (max - min > 1e-3f)
        {
            TensorPrimitives.Subtract(plane, min, plane);
            TensorPrimitives.Multiply(plane, 255f / (max - min), plane);
        }
    }

    /// <summary>
    /// For each output position along one axis: the first source pixel it reads and the weights of the contiguous source
    /// pixels from there, each supersample blending its two neighbours bilinearly (with <paramref name="scale"/> per
    /// supersample). Positions outside the image take the nearest edge pixel.
    /// </summary>
    private static (int First, float[] Weights)[] AxisTaps(double start, double step, int samplesPerAxis, int length, float scale)
    {
        var taps = new (int, float[])[Side];
        var lower = new int[samplesPerAxis];
        var fraction = new float[samplesPerAxis];
        for (var o = 0; o < Side; o++)
        {
            for (var k = 0; k < samplesPerAxis; k++)
            {
                var position = Math.Clamp(start + ((o + ((k + 0.5) / samplesPerAxis)) * step) - 0.5, 0, length - 1);
                lower[k] = (int)position;
                fraction[k] = (float)(position - lower[k]);
            }

            // Positions grow with k, so the pixels read run from the first sample's lower one to the last one's upper one.
            var first = lower[0];
            var weights = new float[Math.Min(lower[^1] + 1, length - 1) - first + 1];
            for (var k = 0; k < samplesPerAxis; k++)
            {
                weights[lower[k] - first] += (1 - fraction[k]) * scale;
                weights[Math.Min(lower[k] + 1, length - 1) - first] += fraction[k] * scale;
            }

            taps[o] = (first, weights);
        }

        return taps;
    }

    /// <summary>Returns the centre and side, in source pixels, of the square that becomes the 224 x 224 input.</summary>
    internal static (double CentreX, double CentreY, double Side) SquareToSample(RoiImage roi, RoiOptions options)
    {
        if (roi.Lesion is { } lesion && options.LesionCropFactor > 0)
        {
            var radius = Math.Max(lesion.Right - lesion.Left + 1, lesion.Bottom - lesion.Top + 1) / 2.0;
            var side = Math.Max(MinimumLesionSquare, options.LesionCropFactor * radius);
            return ((lesion.Left + lesion.Right + 1) / 2.0, (lesion.Top + lesion.Bottom + 1) / 2.0, side);
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
}
