namespace Mammo.Rois;

/// <summary>A decoded ROI: grey intensities stretched to 0..1, row-major, and the lesion mask when the file has one.</summary>
internal sealed class RoiImage
{
    public RoiImage(int width, int height, float[] pixels, bool[]? mask)
    {
        if (pixels.Length != width * height || (mask is not null && mask.Length != pixels.Length))
        {
            throw new ArgumentException("Pixel and mask sizes must be width x height.");
        }

        Width = width;
        Height = height;
        Pixels = pixels;
        Mask = mask;
    }

    public int Width { get; }

    public int Height { get; }

    public float[] Pixels { get; }

    /// <summary>Gets the lesion mask (true = lesion), or <see langword="null"/> when there is none or it is empty.</summary>
    public bool[]? Mask { get; }

    /// <summary>Smallest side accepted: below it a crop holds no usable texture.</summary>
    public const int MinimumSide = 16;

    /// <summary>Largest side accepted: CBIS-DDSM crops stay well below it.</summary>
    public const int MaximumSide = 8192;

    /// <summary>
    /// Builds a ROI from raw samples of any numeric type: refuses NaN, infinity and constant images, and stretches the
    /// rest to 0..1 by the image's own minimum and maximum.
    /// </summary>
    public static RoiImage FromSamples(string path, int width, int height, ReadOnlySpan<double> samples, ReadOnlySpan<double> maskSamples)
    {
        CheckSize(path, width, height);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in samples)
        {
            if (!double.IsFinite(v))
            {
                throw new RoiFormatException(path, $"the image holds {(double.IsNaN(v) ? "NaN" : "infinite")} pixel values");
            }

            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        if (max <= min)
        {
            throw new RoiFormatException(path, $"the image is constant (every pixel is {min}); it holds nothing to classify");
        }

        var pixels = new float[samples.Length];
        var scale = 1.0 / (max - min);
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (float)((samples[i] - min) * scale);
        }

        return new RoiImage(width, height, pixels, ThresholdMask(maskSamples));
    }

    public static void CheckSize(string path, long width, long height)
    {
        if (width < MinimumSide || height < MinimumSide || width > MaximumSide || height > MaximumSide)
        {
            throw new RoiFormatException(
                path, $"the image is {width} x {height} pixels; sides from {MinimumSide} to {MaximumSide} are accepted");
        }
    }

    private static bool[]? ThresholdMask(ReadOnlySpan<double> maskSamples)
    {
        if (maskSamples.IsEmpty)
        {
            return null;
        }

        var max = 0.0;
        foreach (var v in maskSamples)
        {
            if (double.IsFinite(v))
            {
                max = Math.Max(max, v);
            }
        }

        if (max <= 0)
        {
            return null;
        }

        var mask = new bool[maskSamples.Length];
        var threshold = max / 2;
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = maskSamples[i] > threshold;
        }

        return mask;
    }
}
