using Mammo.Import;

namespace Mammo.Tests.Import;

/// <summary>The ROI window's argument checks word for word, and its box, side and disc rules at their boundaries.</summary>
public sealed class RoiWindowBoundaryTests
{
    [Theory]
    [InlineData(5, 6, 4, 7)]
    [InlineData(5, 6, 5, 5)]
    public void An_empty_box_is_refused(int left, int top, int right, int bottom)
    {
        var error = Assert.Throws<ArgumentException>(() => RoiWindow.AroundBox(100, 100, left, top, right, bottom));
        Assert.Equal($"The box ({left}, {top})-({right}, {bottom}) is empty.", error.Message);
    }

    [Fact]
    public void A_one_pixel_box_is_a_lesion_of_half_a_pixel()
    {
        var window = RoiWindow.AroundBox(1000, 800, 300, 200, 300, 200);
        // Centre (300.5, 200.5), radius 0.5: the smallest side, its middle on the pixel.
        Assert.Equal((300 - 128, 200 - 128, 256), (window.Left, window.Top, window.Side));
    }

    [Fact]
    public void A_tall_box_is_sized_by_its_height()
    {
        // 1 x 100 pixels: radius 50, side 8 x 50 = 400, centre (0.5, 50).
        var window = RoiWindow.AroundBox(1000, 1000, 0, 0, 0, 99);
        Assert.Equal((0 - 200, 50 - 200, 400), (window.Left, window.Top, window.Side));
    }

    [Theory]
    [InlineData(0, 500, "imageWidth")]
    [InlineData(500, 0, "imageHeight")]
    [InlineData(-1, 500, "imageWidth")]
    public void An_image_without_pixels_is_refused(int width, int height, string parameter) =>
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(() => RoiWindow.SideFor(width, height, 10)).ParamName);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-0.5)]
    public void A_radius_that_is_not_finite_and_non_negative_is_refused(double radius)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RoiWindow.SideFor(500, 500, radius));
        Assert.Equal("radius", error.ParamName);
        Assert.StartsWith("The lesion radius must be a finite, non-negative number.", error.Message);
    }

    [Fact]
    public void A_radius_of_zero_gives_the_smallest_side() => Assert.Equal(RoiWindow.MinimumSide, RoiWindow.SideFor(500, 500, 0));

    [Fact]
    public void A_disc_reaching_past_the_windows_right_and_bottom_edges_is_cut_there()
    {
        var window = new RoiWindow(0, 0, 256);

        var right = window.Disc(255, 128, 10);
        Assert.Equal(1, right[(128 * 256) + 255]);
        Assert.Equal(0, right[129 * 256]);
        Assert.Equal(Enumerable.Range(-10, 21).Sum(dy => (int)Math.Floor(Math.Sqrt(100 - (dy * dy))) + 1), right.Count(m => m == 1));

        var corner = window.Disc(255, 255, 10);
        Assert.Equal(1, corner[^1]);
        Assert.Equal(0, corner[0]);
    }

    [Theory]
    [InlineData(0, 3, 0)]
    [InlineData(4, 0, 0)]
    [InlineData(4, 3, 11)]
    [InlineData(4, 3, 13)]
    public void Samples_that_do_not_make_the_image_are_refused(int width, int height, int samples)
    {
        var window = new RoiWindow(0, 0, 2);
        var pixels = new ushort[samples];
        var image = Assert.Throws<ArgumentException>(() => window.CropImage<ushort>(pixels, width, height));
        var mask = Assert.Throws<ArgumentException>(() => window.CropMask<ushort>(pixels, width, height));
        Assert.Equal($"{samples} samples do not make a {width} x {height} image. (Parameter 'pixels')", image.Message);
        Assert.Equal(image.Message, mask.Message);
    }
}
