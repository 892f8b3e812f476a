using System.Numerics.Tensors;

namespace Mammo.Rois;

/// <summary>A decoded ROI: grey intensities stretched to 0..1, row-major, and the lesion's extent when the file has a mask.</summary>
internal sealed class RoiImage
{
    public RoiImage(int width, int height, float[] pixels, LesionBounds? lesion)
    {
        if (pixels.Length != width * height)
        {
            throw new ArgumentException("The pixel count must be width x height.");
        }

        Width = width;
        Height = height;
        Pixels = pixels;
        Lesion = lesion;
    }

    public int Width { get; }

    public int Height { get; }

    public float[] Pixels { get; }

    /// <summary>Gets the lesion mask's bounding box, or <see langword="null"/> when there is no mask or it is empty.</summary>
    public LesionBounds? Lesion { get; }

    /// <summary>Smallest side accepted: below it a crop holds no usable texture.</summary>
    public const int MinimumSide = 16;

    /// <summary>Largest side accepted: CBIS-DDSM crops stay well below it.</summary>
    public const int MaximumSide = 8192;

    /// <summary>Builds a ROI from a grey image held in memory and its optional lesion mask (the public in-memory entry points).</summary>
    /// <exception cref="RoiFormatException">The sizes do not agree, or the pixels are unusable.</exception>
    public static RoiImage FromMemory(ReadOnlySpan<float> pixels, int width, int height, ReadOnlySpan<float> lesionMask)
    {
        const string source = "<pixels in memory>";
        if (pixels.Length != (long)width * height || (!lesionMask.IsEmpty && lesionMask.Length != pixels.Length))
        {
            throw new RoiFormatException(source, $"{pixels.Length} pixels do not make a {width} x {height} image (or the mask's size differs)");
        }

        return FromSamples(source, width, height, pixels.ToArray(), lesionMask.IsEmpty ? null : LesionBounds.Find(lesionMask, width, 1, 0));
    }

    /// <summary>
    /// Builds a ROI from raw samples of any numeric type (converted to float): refuses NaN, infinity and constant
    /// images, and stretches the rest to 0..1 by the image's own minimum and maximum. The arrays are taken over.
    /// </summary>
    public static RoiImage FromSamples(string path, int width, int height, float[] samples, LesionBounds? lesion)
    {
        CheckSize(path, width, height);
        if (samples.Length != width * height)
        {
            throw new RoiFormatException(path, $"{samples.Length} samples do not make a {width} x {height} image");
        }

        var min = TensorPrimitives.Min(samples);
        var max = TensorPrimitives.Max(samples);
        if (float.IsNaN(min) || float.IsNaN(max))
        {
            throw new RoiFormatException(path, "the image holds NaN pixel values");
        }

        if (float.IsInfinity(min) || float.IsInfinity(max))
        {
            throw new RoiFormatException(path, "the image holds infinite pixel values");
        }

        if (max <= min)
        {
            throw new RoiFormatException(path, $"the image is constant (every pixel is {min}); it holds nothing to classify");
        }

        TensorPrimitives.Subtract(samples, min, samples);
        TensorPrimitives.Multiply(samples, 1f / (max - min), samples);
        return new RoiImage(width, height, samples, lesion);
    }

    public static void CheckSize(string path, long width, long height)
    {
        if (width < MinimumSide || height < MinimumSide || width > MaximumSide || height > MaximumSide)
        {
            throw new RoiFormatException(
                path, $"the image is {width} x {height} pixels; sides from {MinimumSide} to {MaximumSide} are accepted");
        }
    }
}
