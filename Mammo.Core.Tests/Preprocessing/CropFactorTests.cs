using Mammo.Preprocessing;
using Mammo.Rois;

namespace Mammo.Tests.Preprocessing;

/// <summary>
/// The lesion-centred square against known geometry, with lesions large enough that the minimum-size clamp does not
/// decide the answer: side = crop factor x lesion radius (half the box's longer side), centred on the box.
/// </summary>
public sealed class CropFactorTests
{
    // A horizontal ramp: pixel (x, y) = x / (width - 1), so an output column tells which source x it sampled.
    private static RoiImage Ramp(int width, int height, LesionBounds? lesion)
    {
        var pixels = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = (float)x / (width - 1);
            }
        }

        return new RoiImage(width, height, pixels, lesion);
    }

    [Theory]
    [InlineData(2.0, 40.0)]
    [InlineData(2.5, 50.0)]
    [InlineData(3.0, 60.0)]
    [InlineData(4.5, 90.0)]
    public void The_side_is_the_crop_factor_times_the_lesion_radius(double factor, double side)
    {
        // A 40 x 24 box (x 80..119, y 90..113): radius 20 from the longer side, centre (100, 102).
        var roi = Ramp(240, 200, new LesionBounds(80, 90, 119, 113));
        var square = RoiPreprocessor.SquareToSample(roi, RoiOptions.Default with { LesionCropFactor = factor });
        Assert.Equal((100.0, 102.0, side), square);
    }

    [Fact]
    public void A_tall_lesion_takes_its_radius_from_its_height()
    {
        var roi = Ramp(240, 200, new LesionBounds(100, 40, 111, 139));
        Assert.Equal((106.0, 90.0, 125.0), RoiPreprocessor.SquareToSample(roi, RoiOptions.Default));
    }

    [Fact]
    public void Small_lesions_get_the_minimum_square()
    {
        var roi = Ramp(240, 200, new LesionBounds(50, 50, 59, 59));
        Assert.Equal((55.0, 55.0, (double)RoiPreprocessor.MinimumLesionSquare), RoiPreprocessor.SquareToSample(roi, RoiOptions.Default));
    }

    [Theory]
    [InlineData(2.5)]
    [InlineData(3.0)]
    public void The_pixels_that_reach_the_tensor_span_exactly_the_square(double factor)
    {
        // A quadratic ramp: after the stretch to 0..255 by the square's own extremes, an interior column's value still
        // tells which source x it sampled, and only when the square spans exactly the expected columns.
        const int width = 240;
        var pixels = new float[width * 200];
        for (var i = 0; i < pixels.Length; i++)
        {
            var x = (double)(i % width) / (width - 1);
            pixels[i] = (float)(x * x);
        }

        var roi = new RoiImage(width, 200, pixels, new LesionBounds(80, 90, 119, 113));
        var tensor = RoiPreprocessor.Preprocess(roi, RoiOptions.Default with { LesionCropFactor = factor });
        var side = factor * 20;
        var start = 100 - (side / 2);
        var step = side / RoiPreprocessor.Side;

        // Output column u sees source x = start + (u + 0.5) step - 0.5; columns 0 and 223 become 0 and 255.
        static double F(double x) => Math.Pow(x / (width - 1), 2);
        var first = F(start + (0.5 * step) - 0.5);
        var last = F(start + (223.5 * step) - 0.5);
        foreach (var u in new[] { 0, 57, 111, 223 })
        {
            var expected = (float)(255 * (F(start + ((u + 0.5) * step) - 0.5) - first) / (last - first));
            Assert.Equal(expected, tensor[(5 * RoiPreprocessor.Side) + u], 0.05f);
            Assert.Equal(expected, tensor[(200 * RoiPreprocessor.Side) + u], 0.05f);
        }
    }

    [Fact]
    public void Factor_zero_or_no_lesion_takes_the_whole_crop_padded_to_a_square()
    {
        var lesion = new LesionBounds(80, 90, 119, 113);
        Assert.Equal((120.0, 100.0, 240.0), RoiPreprocessor.SquareToSample(Ramp(240, 200, lesion), RoiOptions.Default with { LesionCropFactor = 0 }));
        Assert.Equal((120.0, 100.0, 240.0), RoiPreprocessor.SquareToSample(Ramp(240, 200, null), RoiOptions.Default));

        // The whole 240-wide ramp reaches the tensor: first and last columns near its two ends.
        var tensor = RoiPreprocessor.Preprocess(Ramp(240, 200, null), RoiOptions.Default);
        Assert.InRange(tensor[0], 0f, 2f);
        Assert.InRange(tensor[RoiPreprocessor.Side - 1], 253f, 255.01f);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.99)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Crop_factors_between_zero_and_two_are_refused(double factor)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => (RoiOptions.Default with { LesionCropFactor = factor }).Validate());
    }
}
