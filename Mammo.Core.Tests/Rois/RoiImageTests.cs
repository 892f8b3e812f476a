using Mammo.Rois;

namespace Mammo.Tests.Rois;

/// <summary>The ROI's size rules and its in-memory and raw-sample entry points, each refusal with its message.</summary>
public sealed class RoiImageTests
{
    private const string Memory = "<pixels in memory>";

    private static float[] Ramp(int count) => [.. Enumerable.Range(0, count).Select(i => (float)i)];

    [Theory]
    [InlineData(16, 16)]
    [InlineData(8192, 16)]
    [InlineData(16, 8192)]
    [InlineData(8192, 8192)]
    public void Sides_from_16_to_8192_are_accepted(long width, long height) => RoiImage.CheckSize("x.png", width, height);

    [Theory]
    [InlineData(15, 16)]
    [InlineData(16, 15)]
    [InlineData(8193, 16)]
    [InlineData(16, 8193)]
    public void A_side_outside_16_to_8192_is_refused_naming_both(long width, long height)
    {
        var e = Assert.Throws<RoiFormatException>(() => RoiImage.CheckSize("x.png", width, height));
        Assert.Equal($"x.png: the image is {width} x {height} pixels; sides from 16 to 8192 are accepted", e.Message);
    }

    [Fact]
    public void The_constructor_refuses_a_pixel_count_that_is_not_width_times_height()
    {
        Assert.Equal("The pixel count must be width x height.", Assert.Throws<ArgumentException>(() => new RoiImage(16, 16, new float[255], null)).Message);
        Assert.Equal(256, new RoiImage(16, 16, new float[256], null).Pixels.Length);
    }

    [Fact]
    public void From_memory_stretches_the_pixels_and_has_no_lesion_without_a_mask()
    {
        var roi = RoiImage.FromMemory(Ramp(16 * 17), 16, 17, []);
        Assert.Equal((16, 17), (roi.Width, roi.Height));
        Assert.Equal(0f, roi.Pixels[0]);
        Assert.Equal(1f, roi.Pixels[^1]);
        Assert.Null(roi.Lesion);
    }

    [Fact]
    public void From_memory_finds_the_lesion_of_a_mask()
    {
        var mask = new float[16 * 16];
        mask[(5 * 16) + 3] = 1;
        mask[(6 * 16) + 4] = 1;
        Assert.Equal(new LesionBounds(3, 5, 4, 6), RoiImage.FromMemory(Ramp(256), 16, 16, mask).Lesion);
    }

    [Theory]
    [InlineData(255, 0, "255 pixels do not make a 16 x 16 image (or the mask's size differs)")]
    [InlineData(257, 0, "257 pixels do not make a 16 x 16 image (or the mask's size differs)")]
    [InlineData(256, 255, "256 pixels do not make a 16 x 16 image (or the mask's size differs)")]
    [InlineData(256, 257, "256 pixels do not make a 16 x 16 image (or the mask's size differs)")]
    public void From_memory_refuses_pixels_or_a_mask_of_the_wrong_count(int pixels, int mask, string problem)
    {
        var e = Assert.Throws<RoiFormatException>(() => RoiImage.FromMemory(Ramp(pixels), 16, 16, new float[mask]));
        Assert.Equal($"{Memory}: {problem}", e.Message);
    }

    [Fact]
    public void From_samples_checks_the_size_before_anything_else()
    {
        var e = Assert.Throws<RoiFormatException>(() => RoiImage.FromSamples("s.h5", 15, 16, Ramp(240), null));
        Assert.Equal("s.h5: the image is 15 x 16 pixels; sides from 16 to 8192 are accepted", e.Message);
    }

    [Fact]
    public void From_samples_refuses_a_sample_count_that_is_not_width_times_height()
    {
        var e = Assert.Throws<RoiFormatException>(() => RoiImage.FromSamples("s.h5", 16, 16, Ramp(255), null));
        Assert.Equal("s.h5: 255 samples do not make a 16 x 16 image", e.Message);
    }

    [Theory]
    [InlineData(float.NaN, "the image holds NaN pixel values")]
    [InlineData(float.PositiveInfinity, "the image holds infinite pixel values")]
    [InlineData(float.NegativeInfinity, "the image holds infinite pixel values")]
    public void From_samples_refuses_values_that_are_not_finite(float value, string problem)
    {
        var samples = Ramp(256);
        samples[7] = value;
        Assert.Equal($"s.h5: {problem}", Assert.Throws<RoiFormatException>(() => RoiImage.FromSamples("s.h5", 16, 16, samples, null)).Message);
    }
}
