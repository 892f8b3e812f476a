using Mammo.Preprocessing;
using Mammo.Rois;

namespace Mammo.Tests.Preprocessing;

/// <summary>
/// Each dihedral transform moves every pixel of the untransformed tensor where <c>Transform</c> says, in all three
/// planes: known answers for the eight symmetries of the square, and the preprocessor's row placement checked against them.
/// </summary>
public sealed class DihedralPlacementTests
{
    private const int Side = RoiPreprocessor.Side;
    private const int Last = Side - 1;

    [Theory]
    [InlineData(0, 5, 2, 5, 2)]
    [InlineData(1, 5, 2, 2, 5)]
    [InlineData(2, 5, 2, Last - 5, 2)]
    [InlineData(3, 5, 2, Last - 2, 5)]
    [InlineData(4, 5, 2, 5, Last - 2)]
    [InlineData(5, 5, 2, 2, Last - 5)]
    [InlineData(6, 5, 2, Last - 5, Last - 2)]
    [InlineData(7, 5, 2, Last - 2, Last - 5)]
    public void Transform_is_the_symmetry_its_bits_name(int dihedral, int u, int v, int expectedU, int expectedV) =>
        Assert.Equal((expectedU, expectedV), RoiPreprocessor.Transform(u, v, dihedral));

    [Fact]
    public void Every_transform_places_each_pixel_where_Transform_sends_it()
    {
        // A ramp that differs along both axes and is not symmetric, so a pixel placed wrongly shows.
        const int width = 37, height = 23;
        var pixels = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = (x * 3) + (y * y);
            }
        }

        var roi = new RoiImage(width, height, pixels, null);
        var identity = RoiPreprocessor.Preprocess(roi, RoiOptions.Default);
        const int plane = Side * Side;
        for (var dihedral = 1; dihedral < RoiPreprocessor.DihedralCount; dihedral++)
        {
            var transformed = RoiPreprocessor.Preprocess(roi, RoiOptions.Default, dihedral);
            var misplaced = 0;
            for (var v = 0; v < Side; v++)
            {
                for (var u = 0; u < Side; u++)
                {
                    var (tu, tv) = RoiPreprocessor.Transform(u, v, dihedral);
                    for (var channel = 0; channel < 3; channel++)
                    {
                        if (transformed[(channel * plane) + (tv * Side) + tu] != identity[(channel * plane) + (v * Side) + u])
                        {
                            misplaced++;
                        }
                    }
                }
            }

            Assert.True(misplaced == 0, $"transform {dihedral}: {misplaced} values misplaced");
        }
    }
}
