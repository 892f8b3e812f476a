using Mammo.Preprocessing;
using Mammo.Rois;
using Mammo.Tests.Support;

namespace Mammo.Tests.Preprocessing;

public sealed class RoiPreprocessorTests
{
    private static RoiImage Disc(int width, int height, bool withMask)
    {
        var (image, mask) = TestFiles.Disc(width, height, width * 0.7, height * 0.3, 10);
        return RoiImage.FromSamples("disc", width, height, image.Select(v => (float)v).ToArray(), withMask ? LesionBounds.Find<double>(mask, width, 1, 0) : null);
    }

    [Fact]
    public void Output_is_three_equal_planes_on_a_0_to_255_scale()
    {
        var tensor = RoiPreprocessor.Preprocess(Disc(300, 200, false), RoiOptions.Default);
        Assert.Equal(3 * 224 * 224, tensor.Length);
        const int plane = 224 * 224;
        Assert.Equal(tensor.AsSpan(0, plane).ToArray(), tensor.AsSpan(plane, plane).ToArray());
        Assert.Equal(tensor.AsSpan(0, plane).ToArray(), tensor.AsSpan(2 * plane, plane).ToArray());
        Assert.InRange(tensor.Min(), 0f, 1f);
        Assert.InRange(tensor.Max(), 250f, 255.001f);
    }

    [Fact]
    public void A_mask_centres_the_square_on_the_lesion_with_the_crop_factor()
    {
        var roi = Disc(300, 200, true);
        var (cx, cy, side) = RoiPreprocessor.SquareToSample(roi, RoiOptions.Default);
        Assert.Equal(210, cx, 1.0);
        Assert.Equal(60, cy, 1.0);
        Assert.Equal(Math.Max(RoiPreprocessor.MinimumLesionSquare, 2.5 * 10), side, 1.5);
        var whole = RoiPreprocessor.SquareToSample(roi, RoiOptions.Default with { LesionCropFactor = 0 });
        Assert.Equal((150, 100, 300), whole);
    }

    [Fact]
    public void The_eight_dihedral_transforms_are_distinct_permutations()
    {
        var roi = Disc(120, 90, false);
        var outputs = Enumerable.Range(0, 8).Select(d => RoiPreprocessor.Preprocess(roi, RoiOptions.Default, d)).ToList();
        var sorted = outputs.Select(o => o.Order().ToArray()).ToList();
        for (var a = 0; a < 8; a++)
        {
            // Span comparisons: xunit's element-by-element collection assertions take seconds on 150,528 values.
            Assert.True(sorted[0].AsSpan().SequenceEqual(sorted[a]), $"transform {a} is not a permutation of the identity's values");
            for (var b = a + 1; b < 8; b++)
            {
                Assert.False(outputs[a].AsSpan().SequenceEqual(outputs[b]), $"transforms {a} and {b} give the same tensor");
            }
        }
    }
}
