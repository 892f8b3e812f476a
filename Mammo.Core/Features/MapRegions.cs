namespace Mammo.Features;

/// <summary>
/// The cells of an H x W feature map that make each <see cref="MapRegion"/>, from the lesion's ellipse: a cell belongs
/// by its centre's normalised radius r (see <see cref="LesionGeometry.Radius"/>): lesion r &lt;= 1, ring
/// <see cref="RingInner"/> &lt; r &lt;= <see cref="RingOuter"/>, crop every cell.
/// </summary>
/// <remarks>
/// A region never comes out empty: a lesion smaller than one cell takes the cell nearest its centre, and a ring that
/// misses every cell centre takes the cell whose radius is nearest 1. On the 7 x 7 map of a crop of 2.5 radii the
/// lesion spans about 5.6 cells, so the ring is about two cells wide.
/// </remarks>
internal static class MapRegions
{
    public const double RingInner = 0.75;
    public const double RingOuter = 1.5;

    public static bool[] Build(LesionGeometry geometry, MapRegion region, int height, int width)
    {
        var cells = new bool[height * width];
        var radii = new double[cells.Length];
        var any = false;
        for (var i = 0; i < height; i++)
        {
            for (var j = 0; j < width; j++)
            {
                var r = geometry.Radius((j + 0.5) / width, (i + 0.5) / height);
                radii[(i * width) + j] = r;
                var inside = region switch
                {
                    MapRegion.Lesion => r <= 1,
                    MapRegion.Ring => r > RingInner && r <= RingOuter,
                    MapRegion.Crop => true,
                    _ => throw new ArgumentOutOfRangeException(nameof(region)),
                };
                cells[(i * width) + j] = inside;
                any |= inside;
            }
        }

        if (!any)
        {
            var target = region == MapRegion.Lesion ? 0 : 1;
            var nearest = 0;
            for (var k = 1; k < radii.Length; k++)
            {
                if (Math.Abs(radii[k] - target) < Math.Abs(radii[nearest] - target))
                {
                    nearest = k;
                }
            }

            cells[nearest] = true;
        }

        return cells;
    }
}
