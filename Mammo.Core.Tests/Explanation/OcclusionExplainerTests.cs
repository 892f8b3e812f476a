using Mammo.Explanation;
using Mammo.Preprocessing;
using Mammo.Rois;

namespace Mammo.Tests.Explanation;

/// <summary>The occlusion engine with fake scorers: exact, and milliseconds fast.</summary>
public sealed class OcclusionExplainerTests
{
    private const int Side = RoiPreprocessor.Side;
    private const int Plane = Side * Side;

    /// <summary>8 x 8 non-overlapping 28-pixel tiles: every input pixel is covered by exactly one patch position.</summary>
    private static readonly ExplanationOptions Tiles = new() { Grid = 8, PatchSize = 28, BatchSize = 5 };

    private static readonly MassPrediction Prediction = new(null, 0.5, true, 0.5);

    [Fact]
    public void A_region_the_scorer_reads_lights_up_exactly_there_in_roi_coordinates()
    {
        // A 112 x 80 ROI without a mask is padded to a 112-pixel square (top edge at -16) and doubled to 224:
        // input tile (row 2, column 5) = input [140, 168) x [56, 84) = ROI columns [70, 84), rows [12, 26).
        const int width = 112, height = 80;
        var pixels = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = x is >= 70 and < 84 && y is >= 12 and < 26 ? 1f : 0.2f + (0.001f * x);
            }
        }

        var roi = new RoiImage(width, height, pixels, null);
        var explanation = OcclusionExplainer.Explain(roi, RoiOptions.Default, Prediction, RegionMean(140, 56, 28), Tiles, CancellationToken.None);

        Assert.Equal(new CropSquare(0, -16, 112), explanation.Crop);
        var map = explanation.ToRoiMap();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var value = map[(y * width) + x];
                if (x is >= 70 and < 84 && y is >= 12 and < 26)
                {
                    Assert.True(value > 0.1f, $"({x}, {y}) inside the bright region has {value}");
                }
                else
                {
                    Assert.Equal(0f, value);
                }
            }
        }

        var drops = explanation.Drops.ToArray();
        Assert.Equal((2 * 8) + 5, Array.IndexOf(drops, drops.Max()));
        Assert.Equal(RegionMean(140, 56, 28)(Preprocessed(roi), 1)[0], explanation.Logit);
    }

    [Fact]
    public void The_crop_follows_the_lesion_and_the_map_is_nan_outside_it()
    {
        const int width = 200, height = 150;
        var pixels = Enumerable.Range(0, width * height).Select(i => (i % width) / (float)width).ToArray();
        var roi = new RoiImage(width, height, pixels, new LesionBounds(100, 50, 139, 89));
        var explanation = OcclusionExplainer.Explain(roi, RoiOptions.Default, Prediction, RegionMean(84, 84, 56), new ExplanationOptions(), CancellationToken.None);

        // Lesion box 40 x 40: radius 20, side 2.5 x 20 = 50, centred on (120, 70).
        Assert.Equal(new CropSquare(95, 45, 50), explanation.Crop);
        Assert.Equal(new LesionBox(100, 50, 139, 89), explanation.Lesion);
        var map = explanation.ToRoiMap();
        Assert.True(float.IsNaN(map[(10 * width) + 10]));
        Assert.True(float.IsNaN(map[(70 * width) + 94]));
        Assert.False(float.IsNaN(map[(70 * width) + 95]));
        Assert.False(float.IsNaN(map[(94 * width) + 144]));
        Assert.True(float.IsNaN(map[(95 * width) + 144]));
    }

    [Fact]
    public void A_constant_image_gives_a_flat_map()
    {
        var tensor = Enumerable.Repeat(117.5f, RoiPreprocessor.TensorLength).ToArray();

        // A scorer that weighs every pixel differently and non-linearly: any change anywhere would show.
        var result = OcclusionExplainer.Occlude(tensor, PositionSensitive, new ExplanationOptions(), CancellationToken.None);
        Assert.All(result.Drops, d => Assert.Equal(0.0, d));
        Assert.All(result.Map, v => Assert.Equal(0f, v));
        Assert.Equal(117.5 / 255, result.FillValue, 9);
    }

    [Fact]
    public void The_same_call_twice_and_any_batch_size_give_the_same_map()
    {
        var tensor = Enumerable.Range(0, RoiPreprocessor.TensorLength).Select(i => (float)((i * 7919) % 256)).ToArray();
        var first = OcclusionExplainer.Occlude(tensor, PositionSensitive, new ExplanationOptions(), CancellationToken.None);
        var second = OcclusionExplainer.Occlude(tensor, PositionSensitive, new ExplanationOptions(), CancellationToken.None);
        var oneByOne = OcclusionExplainer.Occlude(tensor, PositionSensitive, new ExplanationOptions { BatchSize = 1 }, CancellationToken.None);
        Assert.Equal(first.Drops, second.Drops);
        Assert.Equal(first.Map, second.Map);
        Assert.Equal(first.Drops, oneByOne.Drops);
        Assert.Contains(first.Drops, d => d != 0);
    }

    [Fact]
    public void Each_copy_is_occluded_at_its_own_place_with_the_mean_grey()
    {
        var tensor = Enumerable.Range(0, RoiPreprocessor.TensorLength).Select(i => (float)(i % 200)).ToArray();
        var mean = tensor.AsSpan(0, Plane).ToArray().Average(v => (double)v);
        var seen = new List<float[]>();
        OcclusionExplainer.Occlude(tensor, (batch, count) => { seen.AddRange(OcclusionExplainer.Split(batch, count)); return new double[count]; }, Tiles, CancellationToken.None);
        Assert.Equal(65, seen.Count);
        Assert.Equal(tensor, seen[0]);
        var copy = seen[1 + (3 * 8) + 6];
        for (var channel = 0; channel < 3; channel++)
        {
            for (var v = 0; v < Side; v++)
            {
                for (var u = 0; u < Side; u++)
                {
                    var i = (channel * Plane) + (v * Side) + u;
                    var inside = u is >= 168 and < 196 && v is >= 84 and < 112;
                    Assert.Equal(inside ? (float)mean : tensor[i], copy[i]);
                }
            }
        }
    }

    [Fact]
    public void Offsets_run_from_edge_to_edge()
    {
        Assert.Equal([0, 28, 56, 84, 112, 140, 168], OcclusionExplainer.Offsets(7, 56));
        Assert.Equal([0, 24, 48, 72, 96, 120, 144, 168], OcclusionExplainer.Offsets(8, 56));
        Assert.Equal([0], OcclusionExplainer.Offsets(1, 224));
        Assert.Equal(28, new ExplanationOptions().Stride);
    }

    [Fact]
    public void Cancellation_stops_before_the_next_batch()
    {
        using var source = new CancellationTokenSource();
        var batches = 0;
        var tensor = new float[RoiPreprocessor.TensorLength];
        Assert.ThrowsAny<OperationCanceledException>(() => OcclusionExplainer.Occlude(
            tensor, (_, count) => { batches++; source.Cancel(); return new double[count]; }, new ExplanationOptions { BatchSize = 4 }, source.Token));
        Assert.Equal(1, batches);
    }

    [Theory]
    [InlineData(0, 7, 16)]
    [InlineData(225, 7, 16)]
    [InlineData(56, 0, 16)]
    [InlineData(56, 7, 0)]
    [InlineData(20, 7, 16)]
    [InlineData(100, 1, 16)]
    public void Options_that_leave_gaps_or_are_out_of_range_are_refused(int patch, int grid, int batch)
    {
        var tensor = new float[RoiPreprocessor.TensorLength];
        Assert.Throws<ArgumentOutOfRangeException>(() => OcclusionExplainer.Occlude(
            tensor, (_, count) => new double[count], new ExplanationOptions { PatchSize = patch, Grid = grid, BatchSize = batch }, CancellationToken.None));
    }

    [Fact]
    public void A_scorer_returning_the_wrong_count_is_an_error_not_a_silent_map()
    {
        var tensor = new float[RoiPreprocessor.TensorLength];
        Assert.Throws<InvalidOperationException>(() => OcclusionExplainer.Occlude(tensor, (_, count) => new double[count - 1], Tiles, CancellationToken.None));
    }

    [Fact]
    public void Logits_are_finite_at_saturated_probabilities()
    {
        Assert.Equal(0, OcclusionExplainer.Logit(0.5), 12);
        Assert.Equal(Math.Log(3), OcclusionExplainer.Logit(0.75), 12);
        Assert.True(double.IsFinite(OcclusionExplainer.Logit(1)));
        Assert.True(double.IsFinite(OcclusionExplainer.Logit(0)));
        Assert.Equal(-OcclusionExplainer.Logit(1), OcclusionExplainer.Logit(0), 9);
    }

    private static float[] Preprocessed(RoiImage roi) => RoiPreprocessor.Preprocess(roi, RoiOptions.Default);

    /// <summary>A scorer whose logit is the mean of the first channel over one square of the input, on 0..1.</summary>
    private static Func<float[], int, double[]> RegionMean(int left, int top, int side) => (batch, count) =>
    {
        var logits = new double[count];
        for (var j = 0; j < count; j++)
        {
            var sum = 0.0;
            for (var v = top; v < top + side; v++)
            {
                for (var u = left; u < left + side; u++)
                {
                    sum += batch[(j * RoiPreprocessor.TensorLength) + (v * Side) + u];
                }
            }

            logits[j] = sum / (side * side) / 255;
        }

        return logits;
    };

    private static double[] PositionSensitive(float[] batch, int count)
    {
        var logits = new double[count];
        for (var j = 0; j < count; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < RoiPreprocessor.TensorLength; i++)
            {
                var value = batch[(j * RoiPreprocessor.TensorLength) + i];
                sum += Math.Sin(i * 0.001) * value * value;
            }

            logits[j] = sum * 1e-6;
        }

        return logits;
    }
}
