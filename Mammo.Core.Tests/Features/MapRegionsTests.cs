using Mammo.Features;
using Mammo.Preprocessing;
using Mammo.Rois;

namespace Mammo.Tests.Features;

public sealed class MapRegionsTests
{
    private static string Draw(bool[] cells, int width) =>
        string.Join('/', cells.Chunk(width).Select(row => new string(row.Select(c => c ? '#' : '.').ToArray())));

    [Fact]
    public void A_central_lesion_of_a_crop_of_2_5_radii_fills_the_middle_of_the_7x7_map_and_the_ring_its_border()
    {
        var lesion = MapRegions.Build(LesionGeometry.Assumed, MapRegion.Lesion, 7, 7);
        var ring = MapRegions.Build(LesionGeometry.Assumed, MapRegion.Ring, 7, 7);
        var crop = MapRegions.Build(LesionGeometry.Assumed, MapRegion.Crop, 7, 7);
        Assert.Equal("......./..###../.#####./.#####./.#####./..###../.......", Draw(lesion, 7));
        Assert.True(ring[0 * 7 + 3] && ring[3 * 7 + 0], "the ring reaches the crop's edge midpoints");
        Assert.False(ring[3 * 7 + 3], "the lesion's centre is not in the ring");
        Assert.All(crop, Assert.True);
    }

    [Fact]
    public void A_lesion_smaller_than_a_cell_still_gives_one_cell()
    {
        var tiny = new LesionGeometry(0.1, 0.9, 0.001, 0.001);
        var lesion = MapRegions.Build(tiny, MapRegion.Lesion, 7, 7);
        Assert.Single(lesion, c => c);
        Assert.True(lesion[6 * 7 + 0]);
        Assert.Contains(MapRegions.Build(tiny, MapRegion.Ring, 7, 7), c => c);
    }

    [Fact]
    public void The_geometry_follows_the_crop_and_every_dihedral_transform_of_the_pixels()
    {
        // A 200 x 120 image whose lesion box is 80 x 40 pixels: the crop of 2.5 radii is 100 pixels wide, centred on the box.
        var pixels = Enumerable.Range(0, 200 * 120).Select(i => (float)(i % 7)).ToArray();
        var roi = new RoiImage(200, 120, pixels, new LesionBounds(40, 20, 119, 59));
        var g = LesionGeometry.Of(roi, RoiOptions.Default, 0);
        Assert.Equal(0.5, g.CentreX, 9);
        Assert.Equal(0.5, g.CentreY, 9);
        Assert.Equal(0.4, g.SemiAxisX, 9);
        Assert.Equal(0.2, g.SemiAxisY, 9);
        Assert.Equal(new LesionGeometry(0.5, 0.5, 0.2, 0.4), LesionGeometry.Of(roi, RoiOptions.Default, 1));

        // The whole crop (factor 0): the lesion sits where it is in the padded square.
        var whole = LesionGeometry.Of(roi, RoiOptions.Default with { LesionCropFactor = 0 }, 0);
        Assert.Equal(0.4, whole.CentreX, 9);
        Assert.Equal((40 - 40) / 200.0 + 0.5 - 0.1, whole.CentreY, 9);

        // Off-centre ellipse: a point inside it must map to the pixel the preprocessor moves it to.
        var offCentre = new LesionGeometry(0.2, 0.7, 0.1, 0.05);
        for (var d = 0; d < RoiPreprocessor.DihedralCount; d++)
        {
            var moved = offCentre.Transformed(d);
            var (u, v) = RoiPreprocessor.Transform((int)(0.2 * RoiPreprocessor.Side), (int)(0.7 * RoiPreprocessor.Side), d);
            Assert.True(moved.Radius((u + 0.5) / RoiPreprocessor.Side, (v + 0.5) / RoiPreprocessor.Side) < 0.2, $"transform {d}");
        }
    }

    [Fact]
    public void Without_a_lesion_the_assumed_central_ellipse_is_used()
    {
        var roi = new RoiImage(32, 32, new float[32 * 32], null);
        Assert.Equal(LesionGeometry.Assumed, LesionGeometry.Of(roi, RoiOptions.Default, 5));
    }
}
