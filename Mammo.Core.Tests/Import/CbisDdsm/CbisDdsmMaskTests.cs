using Mammo.Import.CbisDdsm;

namespace Mammo.Tests.Import.CbisDdsm;

/// <summary>Known answers for the mask test, its threshold and the lesion box, at the boundaries of each rule.</summary>
public sealed class CbisDdsmMaskTests
{
    /// <summary>A 10 x 10 image of <paramref name="background"/> with the given pixels set.</summary>
    private static CbisDdsmImage Image(ushort background, bool lossy, params (int Index, ushort Value)[] set)
    {
        var pixels = Enumerable.Repeat(background, 100).ToArray();
        foreach (var (index, value) in set)
        {
            pixels[index] = value;
        }

        return new CbisDdsmImage("m.dcm", 10, 10, pixels, lossy);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_flat_image_is_not_a_mask(bool lossy) => Assert.False(CbisDdsmMask.IsBinary(Image(7, lossy)));

    [Fact]
    public void An_empty_image_is_not_a_mask() => Assert.False(CbisDdsmMask.IsBinary(new CbisDdsmImage("e.jpg", 0, 0, [], IsLossy: true)));

    [Fact]
    public void The_mid_grey_band_is_measured_from_the_lower_level()
    {
        // Levels 100 and 200: the band is (125, 175). Two pixels of 150 are 2% of the image, over the 1% allowed.
        Assert.False(CbisDdsmMask.IsBinary(Image(100, true, (0, 200), (1, 150), (2, 150))));
        Assert.True(CbisDdsmMask.IsBinary(Image(100, true, (0, 200), (1, 120), (2, 180))));
    }

    [Theory]
    [InlineData(50)]
    [InlineData(150)]
    public void The_band_edges_are_not_mid_grey(int edge)
    {
        // Levels 0 and 200: the band is the open interval (50, 150).
        Assert.True(CbisDdsmMask.IsBinary(Image(0, true, (0, 200), (1, (ushort)edge), (2, (ushort)edge))));
        Assert.False(CbisDdsmMask.IsBinary(Image(0, true, (0, 200), (1, 100), (2, 100))));
    }

    [Fact]
    public void Exactly_one_percent_of_mid_grey_pixels_is_allowed()
    {
        Assert.True(CbisDdsmMask.IsBinary(Image(0, true, (0, 200), (1, 100))));
        Assert.False(CbisDdsmMask.IsBinary(Image(0, true, (0, 200), (1, 100), (2, 100))));
    }

    [Fact]
    public void The_threshold_is_the_middle_of_the_two_levels() =>
        Assert.Equal(150.0, CbisDdsmMask.Threshold(Image(100, true, (5, 200))));

    [Fact]
    public void The_box_holds_the_pixels_above_the_threshold_only()
    {
        // A lone pixel in the top-left corner, and pixels exactly at the threshold elsewhere.
        var image = Image(0, false, (0, 255), (55, 100), (99, 100));
        Assert.Equal((0, 0, 0, 0), CbisDdsmMask.Box(image, 100));
        Assert.Equal((0, 0, 9, 9), CbisDdsmMask.Box(image, 99.5));
    }

    [Fact]
    public void A_box_in_the_first_column_is_found_and_no_pixel_above_the_threshold_is_no_box()
    {
        var image = Image(0, false, (30, 255), (40, 255));
        Assert.Equal((0, 3, 0, 4), CbisDdsmMask.Box(image, 127.5));
        Assert.Null(CbisDdsmMask.Box(image, 255));
    }
}
