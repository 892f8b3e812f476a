using Mammo.Preprocessing;
using Mammo.Rois;

namespace Mammo.Tests.Preprocessing;

/// <summary>
/// The grey scale the network sees comes from the square it sees: the same lesion cut with a wider margin (a bright
/// film label, black air, the pectoral muscle around it) or stored on another grey scale reaches the backbone as the
/// same tensor. Before version 3 the whole file's minimum and maximum set the scale, which on MIAS cost 0.02-0.06 AUC.
/// </summary>
public sealed class IntensityStretchTests
{
    // A textured square of tissue around a brighter disc, values 0.3..0.7 of the stored range, inside a wider frame.
    private static float[] Lesion(int side, int margin, float frameValue, Func<float, float> scale)
    {
        var width = side + (2 * margin);
        var pixels = new float[width * width];
        for (var y = 0; y < width; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inside = x >= margin && x < margin + side && y >= margin && y < margin + side;
                double u = x - margin - (side / 2.0), v = y - margin - (side / 2.0);
                var tissue = 0.3 + (0.1 * Math.Sin((x - margin) * 0.37) * Math.Cos((y - margin) * 0.23)) + ((u * u) + (v * v) < 400 ? 0.25 : 0);
                pixels[(y * width) + x] = scale(inside ? (float)tissue : frameValue);
            }
        }

        return pixels;
    }

    private static float[] Tensor(int margin, float frameValue, Func<float, float> scale)
    {
        const int side = 100;
        var width = side + (2 * margin);

        // A disc of radius 20 in the square's middle: with crop factor 2.5 the square sampled is 50 x 50, inside the tissue.
        var centre = margin + (side / 2);
        // Read as a ROI file is read (FromSamples), so the file's own minimum and maximum are in play.
        var roi = RoiImage.FromSamples("test", width, width, Lesion(side, margin, frameValue, scale), new LesionBounds(centre - 20, centre - 20, centre + 19, centre + 19));
        return RoiPreprocessor.Preprocess(roi, RoiOptions.Default);
    }

    [Fact]
    public void A_wider_margin_with_other_extremes_leaves_the_tensor_unchanged()
    {
        var narrow = Tensor(margin: 10, frameValue: 0.4f, scale: v => v);
        var withBrightLabel = Tensor(margin: 150, frameValue: 1f, scale: v => v);
        var withAir = Tensor(margin: 60, frameValue: 0f, scale: v => v);
        Assert.Equal(narrow, withBrightLabel, (a, b) => Math.Abs(a - b) < 1e-3f);
        Assert.Equal(narrow, withAir, (a, b) => Math.Abs(a - b) < 1e-3f);
    }

    [Fact]
    public void Another_grey_scale_of_the_same_pixels_gives_the_same_tensor()
    {
        var unit = Tensor(margin: 20, frameValue: 0.5f, scale: v => v);
        var twelveBit = Tensor(margin: 20, frameValue: 0.5f, scale: v => 100 + (4000 * v));
        Assert.Equal(unit, twelveBit, (a, b) => Math.Abs(a - b) < 1e-2f);
    }

    [Fact]
    public void The_input_spans_0_to_255()
    {
        var tensor = Tensor(margin: 20, frameValue: 0.5f, scale: v => v);
        Assert.Equal(0f, tensor.Min(), 1e-4f);
        Assert.Equal(255f, tensor.Max(), 1e-3f);
    }

    [Fact]
    public void A_flat_square_stays_flat_and_finite()
    {
        // Flat where the square falls (a padded corner of a film, say); the ROI as a whole is not constant.
        var pixels = new float[200 * 200];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = i % 200 < 100 ? 0.25f : (i % 7) / 7f;
        }

        var tensor = RoiPreprocessor.Preprocess(new RoiImage(200, 200, pixels, new LesionBounds(30, 80, 49, 99)), RoiOptions.Default);
        Assert.All(tensor, v => Assert.Equal(0.25f * 255, v, 1e-3f));
    }
}
