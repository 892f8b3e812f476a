using Mammo.Rois;
using Microsoft.ML.Data;

namespace Mammo.MachineLearning;

/// <summary>Turns ML.NET's in-memory image (<see cref="MLImage"/>, from <c>LoadImages</c>) into a Mammo ROI.</summary>
/// <remarks>
/// <para>Grey is taken as Mammo reads an 8-bit grey PNG: a pixel whose R, G and B are equal (every pixel of a grey image
/// decoded by ML.NET) keeps that value exactly; a colour pixel becomes its BT.601 luma (0.299 R + 0.587 G + 0.114 B).
/// Alpha is ignored. The ROI is then stretched to 0..1 by its own minimum and maximum, as every ROI is, so an 8-bit grey
/// PNG gives the same features by either route. ML.NET decodes to 8 bits, so a 16-bit PNG is best given by path.</para>
/// <para>The lesion mask: <c>LoadImages</c> records the file it read in <see cref="MLImage.Tag"/>. When that names a
/// <c>.png</c> with a mask beside it (<c>X.png</c> and <c>X</c> + <see cref="RoiOptions.MaskFileSuffix"/> + <c>.png</c>)
/// and <see cref="RoiOptions.MaskChannel"/> is set, the mask is used exactly as when the path is given. An image with
/// no such tag is used whole.</para>
/// <para>ML.NET 5's <see cref="MLImage"/> is compiled against SkiaSharp 2.88: in an app that also loads SkiaSharp 3 (the
/// sample console does, through ScottPlot 5) its pixels cannot be read at all. The path route does not use SkiaSharp.</para>
/// </remarks>
internal static class MlImageRoi
{
    private const string Untagged = "(in-memory ML.NET image)";

    public static RoiImage ToRoi(MLImage? image, RoiOptions options)
    {
        if (image is null)
        {
            throw new RoiFormatException(Untagged, "the image column holds no image (was the file loaded?)");
        }

        var source = string.IsNullOrEmpty(image.Tag) ? Untagged : image.Tag;
        int width = image.Width, height = image.Height;
        RoiImage.CheckSize(source, width, height);
        var (red, green, blue) = image.PixelFormat switch
        {
            MLPixelFormat.Bgra32 => (2, 1, 0),
            MLPixelFormat.Rgba32 => (0, 1, 2),
            var other => throw new RoiFormatException(source, $"the image's pixel format {other} is not 32-bit BGRA or RGBA"),
        };

        ReadOnlySpan<byte> pixels;
        try
        {
            pixels = image.Pixels;
        }
        catch (MissingMethodException e)
        {
            throw new InvalidOperationException(
                $"{source}: ML.NET cannot read the pixels of its own image: its MLImage is built for SkiaSharp 2.88 and this app " +
                $"loads another SkiaSharp (ScottPlot 5, for one, brings 3.x). Give the ROI paths to FeaturizeMammogramRoi instead.", e);
        }

        if (image.BitsPerPixel != 32 || pixels.Length != width * height * 4)
        {
            throw new RoiFormatException(source, $"the image holds {pixels.Length} bytes, not 4 per pixel of {width} x {height}");
        }

        var samples = new float[width * height];
        for (var i = 0; i < samples.Length; i++)
        {
            int r = pixels[(4 * i) + red], g = pixels[(4 * i) + green], b = pixels[(4 * i) + blue];
            samples[i] = r == g && g == b ? r : (0.299f * r) + (0.587f * g) + (0.114f * b);
        }

        return RoiImage.FromSamples(source, width, height, samples, MaskBeside(source, width, height, options));
    }

    /// <summary>The lesion box from the mask PNG beside the image's file, found and read as <see cref="RoiReader"/> does for a PNG crop.</summary>
    private static LesionBounds? MaskBeside(string source, int width, int height, RoiOptions options)
    {
        if (options.MaskChannel is null || source == Untagged || !source.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var maskPath = Path.Combine(
            Path.GetDirectoryName(source) ?? ".", Path.GetFileNameWithoutExtension(source) + options.MaskFileSuffix + ".png");
        if (!File.Exists(maskPath))
        {
            return null;
        }

        var (maskWidth, maskHeight, _, maskSamples) = PngGrayscale.Decode(maskPath, File.ReadAllBytes(maskPath));
        if (maskWidth != width || maskHeight != height)
        {
            throw new RoiFormatException(maskPath, $"the mask is {maskWidth} x {maskHeight}, its crop {source} is {width} x {height}");
        }

        return LesionBounds.Find<float>(maskSamples, width, 1, 0);
    }
}
