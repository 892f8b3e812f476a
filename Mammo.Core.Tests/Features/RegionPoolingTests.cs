using Mammo.Backbone;
using Mammo.Features;

namespace Mammo.Tests.Features;

public sealed class RegionPoolingTests
{
    [Fact]
    public void Mean_and_max_are_taken_per_channel_over_the_region_only()
    {
        // 2 channels of a 2 x 2 map; the region is the first and last cell.
        float[] map = [1, 100, -100, 3, -1, 7, 9, -5];
        var mean = new float[2];
        var max = new float[2];
        RegionPooling.MeanMax(map, new MapShape(2, 2, 2), [true, false, false, true], mean, max);
        Assert.Equal([2f, -3f], mean);
        Assert.Equal([3f, -1f], max);
    }

    [Fact]
    public void An_empty_region_or_a_mismatched_shape_is_refused()
    {
        var output = new float[1];
        Assert.Throws<ArgumentException>(() => RegionPooling.MeanMax(new float[4], new MapShape(1, 2, 2), new bool[4], output, output));
        Assert.Throws<ArgumentException>(() => RegionPooling.MeanMax(new float[3], new MapShape(1, 2, 2), new bool[4], output, output));
    }

    [Fact]
    public void Signed_square_root_keeps_the_sign_and_L2_gives_unit_length()
    {
        float[] values = [4, -9, 0, 0.25f];
        RegionPooling.SignedSquareRoot(values);
        Assert.Equal([2f, -3f, 0f, 0.5f], values);
        RegionPooling.L2Normalize(values);
        Assert.Equal(1, Math.Sqrt(values.Sum(v => (double)v * v)), 6);
        Assert.True(values[1] < 0);

        float[] zeros = [0, 0];
        RegionPooling.L2Normalize(zeros);
        Assert.Equal([0f, 0f], zeros);
    }
}
