using Mammo.Preprocessing;
using Mammo.Rois;

namespace Mammo.Tests.Preprocessing;

/// <summary>Hand-computed tensors and positions: argument checks, supersampling when shrinking, the stretch's threshold, the 8 transforms.</summary>
public sealed class RoiPreprocessorKnownAnswerTests
{
    private const int Side = RoiPreprocessor.Side;

    private static RoiImage Image(int width, int height, Func<int, int, float> value) =>
        new(width, height, [.. Enumerable.Range(0, width * height).Select(i => value(i % width, i / width))], null);

    [Fact]
    public void A_tensor_of_the_wrong_length_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => RoiPreprocessor.Preprocess(Image(16, 16, (x, y) => x), RoiOptions.Default, 0, new float[RoiPreprocessor.TensorLength - 1]));
        Assert.Equal("tensor", e.ParamName);
        Assert.StartsWith("The tensor must hold 150528 floats.", e.Message);
    }

    [Fact]
    public void A_plane_of_the_wrong_length_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => RoiPreprocessor.Write(new float[(Side * Side) + 1], 0, new float[RoiPreprocessor.TensorLength]));
        Assert.Equal("plane", e.ParamName);
        Assert.StartsWith("The plane must hold 50176 floats.", e.Message);
    }

    [Fact]
    public void A_resampled_plane_is_channel_0_of_the_untransformed_tensor_and_each_transform_writes_all_three_channels()
    {
        var roi = Image(37, 29, (x, y) => (x * 3) + (y * y));
        var plane = RoiPreprocessor.Resample(roi, RoiOptions.Default);
        Assert.Equal(0f, plane.Min());
        Assert.Equal(255f, plane.Max(), 1e-3f); // stretched to 0..255 (to float rounding)
        var tensor = new float[RoiPreprocessor.TensorLength];
        RoiPreprocessor.Write(plane, 0, tensor);
        Assert.True(plane.AsSpan().SequenceEqual(tensor.AsSpan(0, Side * Side)));
        Assert.True(plane.AsSpan().SequenceEqual(tensor.AsSpan(Side * Side, Side * Side)));
        Assert.True(plane.AsSpan().SequenceEqual(tensor.AsSpan(2 * Side * Side, Side * Side)));
        Assert.True(RoiPreprocessor.Preprocess(roi, RoiOptions.Default, 5).AsSpan().SequenceEqual(Written(plane, 5)));
    }

    private static float[] Written(float[] plane, int dihedral)
    {
        var tensor = new float[RoiPreprocessor.TensorLength];
        RoiPreprocessor.Write(plane, dihedral, tensor);
        return tensor;
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(8)]
    public void A_dihedral_outside_0_to_7_is_refused(int dihedral) =>
        Assert.Equal("dihedral", Assert.Throws<ArgumentOutOfRangeException>(() => RoiPreprocessor.Preprocess(Image(16, 16, (x, y) => x), RoiOptions.Default, dihedral)).ParamName);

    [Fact]
    public void Shrinking_by_three_averages_three_samples_per_axis()
    {
        // 672 wide: step 3, so output column u averages samples at source columns 3u, 3u + 1 and 3u + 2 exactly. Columns
        // with x % 5 == 0 are 1, the rest 0: a mean is 1/3 where one of the three is bright, else 0, which the stretch
        // makes 255 and 0. (A single sample per column would read column 3u + 1 alone.)
        var tensor = RoiPreprocessor.Preprocess(Image(672, 672, (x, y) => x % 5 == 0 ? 1 : 0), RoiOptions.Default);
        var expected = Enumerable.Range(0, Side).Select(u => Enumerable.Range(3 * u, 3).Any(x => x % 5 == 0) ? 255f : 0f).ToArray();
        Assert.Equal(expected, tensor.AsSpan(0, Side).ToArray(), (a, b) => Math.Abs(a - b) < 1e-2f);
        Assert.Equal(expected, tensor.AsSpan(Side * 100, Side).ToArray(), (a, b) => Math.Abs(a - b) < 1e-2f);
    }

    [Theory]
    [InlineData(100)] // enlarged: one sample per axis
    [InlineData(448)] // shrunk by two: two samples per axis
    [InlineData(700)] // shrunk by 3.125: four samples per axis
    public void A_constant_image_keeps_its_level_on_the_0_to_255_scale(int side)
    {
        // Nothing to stretch, so the weights alone decide the value: they must sum to 255 across and 1 down.
        var tensor = RoiPreprocessor.Preprocess(Image(side, side, (x, y) => 0.5f), RoiOptions.Default);
        Assert.All(tensor, v => Assert.Equal(127.5f, v, 1e-3f));
    }

    [Fact]
    public void A_plane_spanning_exactly_a_thousandth_is_left_as_it_is_and_a_wider_one_is_stretched()
    {
        float[] flat = [0f, 1e-3f, 5e-4f];
        RoiPreprocessor.StretchToFullRange(flat);
        Assert.Equal([0f, 1e-3f, 5e-4f], flat);
        float[] wider = [1f, 1.002f, 1.001f];
        RoiPreprocessor.StretchToFullRange(wider);
        Assert.Equal([0f, 255f, 127.5f], wider, (a, b) => Math.Abs(a - b) < 0.05f);
    }

    [Theory]
    [InlineData(0, 5, 7)]
    [InlineData(1, 7, 5)]
    [InlineData(2, 218, 7)]
    [InlineData(3, 216, 5)]
    [InlineData(4, 5, 216)]
    [InlineData(5, 7, 218)]
    [InlineData(6, 218, 216)]
    [InlineData(7, 216, 218)]
    public void Each_transform_sends_a_position_where_its_bits_say(int dihedral, int u, int v)
    {
        // Bit 1 transposes, bit 2 mirrors across (u to 223 - u), bit 4 mirrors down (v to 223 - v), in that order.
        Assert.Equal((u, v), RoiPreprocessor.Transform(5, 7, dihedral));
    }

    [Theory]
    [InlineData(0, 5, 7)]
    [InlineData(2, 218, 7)]
    [InlineData(4, 5, 216)]
    [InlineData(6, 218, 216)]
    [InlineData(1, 7, 5)]
    [InlineData(7, 216, 218)]
    public void A_marked_pixel_lands_where_its_transform_sends_it(int dihedral, int u, int v)
    {
        // A 224 x 224 image maps one to one: the one bright pixel at (5, 7) is the one bright output value.
        var tensor = RoiPreprocessor.Preprocess(Image(Side, Side, (x, y) => x == 5 && y == 7 ? 1 : 0), RoiOptions.Default, dihedral);
        var plane = tensor.AsSpan(0, Side * Side);
        Assert.Equal((v * Side) + u, plane.IndexOf(255f));
    }
}
