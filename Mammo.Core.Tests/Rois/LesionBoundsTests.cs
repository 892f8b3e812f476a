using Mammo.Rois;
using Mammo.Tests.Support;

namespace Mammo.Tests.Rois;

public sealed class LesionBoundsTests : IDisposable
{
    private const int Side = 64;
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static float[] Plane(Func<int, int, double> value) =>
        [.. Enumerable.Range(0, Side * Side).Select(i => (float)value(i % Side, i / Side))];

    private static double Disc(int x, int y, double cx, double cy, double r) => ((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) < r * r ? 1 : 0;

    [Fact]
    public void A_real_mask_gives_its_box_whatever_its_scale()
    {
        var mask = Plane((x, y) => Disc(x, y, 30, 25, 8));
        Assert.Equal(new LesionBounds(23, 18, 37, 32), LesionBounds.Find<float>(mask, Side, 1, 0));
        Assert.Equal(new LesionBounds(23, 18, 37, 32), LesionBounds.Find<float>([.. mask.Select(v => v * 255)], Side, 1, 0));
        Assert.Null(LesionBounds.Find<float>(new float[Side * Side], Side, 1, 0));
    }

    [Fact]
    public void A_mask_with_soft_edges_and_a_stray_speck_is_still_a_mask()
    {
        // Resized masks have intermediate values along the edge; small specks beside the lesion occur too.
        var mask = Plane((x, y) =>
        {
            var d = Math.Sqrt(((x - 30) * (x - 30)) + ((y - 30) * (y - 30)));
            return (d < 9 ? 255 : d < 10 ? 128 : 0) + (x == 3 && y == 60 ? 255 : 0);
        });
        Assert.Equal(new LesionBounds(3, 21, 39, 60), LesionBounds.Find<float>(mask, Side, 1, 0));
    }

    public static TheoryData<string, string> FakeMasks => new()
    {
        { "smooth", "between its two levels" },
        { "brighter-half", "covers" },
        { "scattered", "largest connected region" },
        { "noise", "largest connected region" },
        { "negative", "values run from" },
        { "nan", "non-finite" },
    };

    [Theory]
    [MemberData(nameof(FakeMasks))]
    public void Channels_that_are_not_masks_are_refused_with_the_reason(string kind, string reason)
    {
        var random = new Random(3);
        var plane = kind switch
        {
            "smooth" => Plane((x, y) => 100 + (80 * Math.Sin(x / 9.0) * Math.Cos(y / 7.0))),
            "brighter-half" => Plane((x, y) => x < 40 ? 1 : 0),
            "scattered" => Plane((x, y) => (x % 16 < 3 && y % 16 < 3) ? 1 : 0),
            "noise" => Plane((x, y) => random.Next(4) == 0 ? 1 : 0),
            "negative" => Plane((x, y) => x < 10 ? -1 : Disc(x, y, 30, 30, 5)),
            _ => Plane((x, y) => x == 5 ? double.NaN : 0),
        };
        var error = Assert.Throws<RoiFormatException>(() => LesionBounds.Find<float>(plane, Side, 1, 0, "roi.h5", "channel 1"));
        Assert.Contains("channel 1 is not a lesion mask", error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Equal("roi.h5", error.FilePath);
    }

    [Fact]
    public void A_channel_of_too_many_regions_is_refused_with_bounded_memory()
    {
        const int side = 200; // isolated dots two pixels apart: 10,000 regions, a quarter of the pixels
        var dots = Enumerable.Range(0, side * side).Select(i => (i % side) % 2 == 0 && (i / side) % 2 == 0 ? 1f : 0f).ToArray();
        var error = Assert.Throws<RoiFormatException>(() => LesionBounds.Find<float>(dots, side, 1, 0, "roi.h5", "channel 1"));
        Assert.Contains($"more than {LesionBounds.MaximumRegions} separate regions", error.Message);
    }

    [Fact]
    public void An_rgb_equal_image_or_a_swapped_crop_is_refused_as_a_png_mask()
    {
        var crop = TestFiles.WritePng(directory.File("P_1.png"), Side, Side, 8);
        File.Copy(crop, directory.File("P_1_mask.png")); // a crop where its mask should be
        var error = Assert.Throws<RoiFormatException>(() => RoiReader.Read(crop, RoiOptions.Default));
        Assert.EndsWith("P_1_mask.png", error.FilePath);
        Assert.Contains("the mask file is not a lesion mask", error.Message);
        Assert.Null(RoiReader.Read(crop, RoiOptions.Default with { MaskChannel = null }).Lesion);
    }

    [Fact]
    public void An_rgb_equal_hdf5_crop_is_refused_and_a_real_mask_in_the_same_layout_is_read()
    {
        var (image, mask) = TestFiles.Disc(Side, Side, 30, 30, 9);
        var fake = TestFiles.WriteHdf5Channels(directory.File("fake.h5"), Side, Side, image, image, image);
        Assert.Contains("channel 1 is not a lesion mask", Assert.Throws<RoiFormatException>(() => RoiReader.Read(fake, RoiOptions.Default)).Message);
        var real = TestFiles.WriteHdf5Channels(directory.File("real.h5"), Side, Side, image, mask, image);
        Assert.Equal(new LesionBounds(22, 22, 38, 38), RoiReader.Read(real, RoiOptions.Default).Lesion);
    }
}
