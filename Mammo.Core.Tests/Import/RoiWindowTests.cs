using Mammo.Import;

namespace Mammo.Tests.Import;

public sealed class RoiWindowTests
{
    [Theory]
    [InlineData(10, 1024, 1024, 256)]
    [InlineData(32, 1024, 1024, 256)]
    [InlineData(32.1, 1024, 1024, 257)]
    [InlineData(69, 1024, 1024, 552)]
    [InlineData(197, 1024, 1024, 1024)]
    [InlineData(400, 3000, 5000, 3200)]
    [InlineData(800, 3000, 5000, 5000)]
    [InlineData(10, 100, 200, 200)]
    public void The_side_is_eight_radii_at_least_256_and_at_most_the_longer_image_side(double radius, int width, int height, int side) =>
        Assert.Equal(side, RoiWindow.SideFor(width, height, radius));

    [Fact]
    public void A_circle_window_has_its_centre_pixel_in_the_middle()
    {
        var window = RoiWindow.AroundCircle(1024, 1024, 338, 709, 56);
        Assert.Equal(448, window.Side);
        Assert.Equal((338 - 224, 709 - 224), (window.Left, window.Top));
    }

    [Fact]
    public void A_box_window_is_centred_on_the_box_and_sized_by_its_longer_side()
    {
        // Box of 101 x 41 pixels: radius 50.5, side ceil(404) = 404, centre (150.5, 70.5).
        var window = RoiWindow.AroundBox(1000, 800, 100, 50, 200, 90);
        Assert.Equal(404, window.Side);
        Assert.Equal(((int)Math.Floor(150.5 - 202), (int)Math.Floor(70.5 - 202)), (window.Left, window.Top));
    }

    [Fact]
    public void Outside_the_image_the_image_repeats_its_edge_and_the_mask_is_zero()
    {
        // A 4 x 3 image whose pixels are their own index; window of side 6 starting at (-1, -2).
        var image = Enumerable.Range(0, 12).Select(i => (ushort)(i + 1)).ToArray();
        var window = new RoiWindow(-1, -2, 6);
        var cropped = window.CropImage<ushort>(image, 4, 3);
        var masked = window.CropMask<ushort>(image, 4, 3);
        ushort At(ushort[] a, int x, int y) => a[(y * 6) + x];

        // Window (1, 2) is image (0, 0); window (0, 0) is above-left of the image: the corner pixel repeats.
        Assert.Equal(1, At(cropped, 1, 2));
        Assert.Equal(1, At(cropped, 0, 0));
        Assert.Equal(4, At(cropped, 5, 0));
        Assert.Equal(12, At(cropped, 5, 5));
        Assert.Equal(6, At(cropped, 2, 3));
        Assert.Equal(1, At(masked, 1, 2));
        Assert.Equal(0, At(masked, 0, 0));
        Assert.Equal(0, At(masked, 5, 4));
        Assert.Equal(12, At(masked, 4, 4));
        Assert.Equal(0, At(masked, 3, 5));
    }

    [Fact]
    public void A_window_wholly_outside_the_image_is_all_edge_or_all_zero()
    {
        var image = Enumerable.Range(0, 16).Select(i => (byte)(i + 1)).ToArray();
        Assert.All(new RoiWindow(10, 10, 3).CropImage<byte>(image, 4, 4), v => Assert.Equal(16, v));
        Assert.All(new RoiWindow(-10, -10, 3).CropImage<byte>(image, 4, 4), v => Assert.Equal(1, v));
        Assert.All(new RoiWindow(10, -10, 3).CropMask<byte>(image, 4, 4), v => Assert.Equal(0, v));
    }

    [Fact]
    public void The_disc_is_centred_on_the_given_pixel_with_the_given_radius()
    {
        var window = RoiWindow.AroundCircle(1024, 1024, 500, 600, 20);
        var disc = window.Disc(500, 600, 20);
        var inside = Enumerable.Range(0, disc.Length).Where(i => disc[i] == 1).ToList();
        var xs = inside.Select(i => i % window.Side).ToList();
        var ys = inside.Select(i => i / window.Side).ToList();
        Assert.Equal((500 - window.Left - 20, 500 - window.Left + 20), (xs.Min(), xs.Max()));
        Assert.Equal((600 - window.Top - 20, 600 - window.Top + 20), (ys.Min(), ys.Max()));
        Assert.InRange(inside.Count, Math.PI * 19.5 * 19.5, Math.PI * 20.5 * 20.5);
    }

    [Fact]
    public void A_disc_reaching_past_the_window_is_cut_at_the_window_not_shifted()
    {
        var window = new RoiWindow(0, 0, 256);
        var disc = window.Disc(0, 0, 10);
        Assert.Equal(1, disc[0]);
        Assert.Equal(1, disc[10]);
        Assert.Equal(0, disc[11]);
        Assert.Equal(1, disc[10 * 256]);
    }

    [Theory]
    [InlineData(5.0)] // (3, 4) and (4, 3) lie exactly on the circle: the chord must include them
    [InlineData(1.0)]
    [InlineData(13.0)]
    [InlineData(17.0)]
    [InlineData(12.5)]
    [InlineData(0.0)]
    [InlineData(0.99)]
    [InlineData(25.0)]
    [InlineData(40.7)]
    public void The_disc_holds_exactly_the_pixels_whose_centres_lie_within_the_radius(double radius)
    {
        // Centres inside, near an edge and outside the window; the disc against its definition, pixel by pixel.
        var window = new RoiWindow(100, 200, 64);
        foreach (var (column, row) in new[] { (130, 230), (101, 262), (90, 210), (170, 250) })
        {
            var disc = window.Disc(column, row, radius);
            var wrong = Enumerable.Range(0, disc.Length).Where(i =>
            {
                double dx = window.Left + (i % window.Side) - column, dy = window.Top + (i / window.Side) - row;
                return disc[i] != ((dx * dx) + (dy * dy) <= radius * radius ? 1 : 0);
            }).ToList();
            Assert.True(wrong.Count == 0, $"centre ({column}, {row}), radius {radius}: {wrong.Count} pixels wrong, the first at index {wrong.FirstOrDefault()}");
        }
    }
}
