using Mammo.Explanation;
using Mammo.Tests.Support;

namespace Mammo.Tests.Explanation;

/// <summary>Explanations through the real backbone and a head trained on synthetic data.</summary>
public sealed class MassClassifierExplainTests
{
    /// <summary>4 x 4 non-overlapping quarter-side tiles: 17 images per ROI, about 0.4 s.</summary>
    private static readonly ExplanationOptions Coarse = new() { Grid = 4, PatchSize = 56 };

    private static string File(int index) =>
        Path.Combine(SmallSynthetic.Data.RoiDirectory, SmallSynthetic.Test.Records[index].CaseKey + ".h5");

    [Fact]
    public void On_malignant_synthetic_rois_hiding_the_mass_lowers_the_score_more_than_hiding_the_background()
    {
        // The synthetic generator puts the malignancy cue in the mass (density, specks, outline, spicules). With the
        // lesion-centred crop (2.5 radii) the 4 central tiles lie on the mass and the 4 corner tiles mostly off it.
        var malignant = SmallSynthetic.Test.Records.Where(r => r.IsMalignant).Take(10)
            .Select(r => Path.Combine(SmallSynthetic.Data.RoiDirectory, r.CaseKey + ".h5")).ToList();
        Assert.True(malignant.Count >= 6);
        double centre = 0, corners = 0;
        foreach (var file in malignant)
        {
            var drops = SmallSynthetic.Model.Explain(file, Coarse, CancellationToken.None).Drops.Span;
            centre += (drops[5] + drops[6] + drops[9] + drops[10]) / 4;
            corners += (drops[0] + drops[3] + drops[12] + drops[15]) / 4;
        }

        centre /= malignant.Count;
        corners /= malignant.Count;
        Assert.True(centre > corners, $"mean logit drop: mass {centre:F3}, background {corners:F3}");
        Assert.True(centre > 0, $"hiding the mass raised the malignancy logit ({centre:F3})");
    }

    [Fact]
    public void The_same_call_twice_and_from_many_threads_gives_the_same_map_and_the_predicted_probability()
    {
        var file = File(0);
        var first = SmallSynthetic.Model.Explain(file, Coarse, CancellationToken.None);
        var again = SmallSynthetic.Model.Explain(file, Coarse, CancellationToken.None);
        Assert.Equal(first.Drops.ToArray(), again.Drops.ToArray());
        Assert.Equal(first.InputMap.ToArray(), again.InputMap.ToArray());
        Assert.Contains(first.Drops.ToArray(), d => d != 0);
        Assert.Equal(SmallSynthetic.Model.Predict(file), first.Prediction);

        var parallel = new MassExplanation[3];
        Parallel.For(0, parallel.Length, i => parallel[i] = SmallSynthetic.Model.Explain(file, Coarse, CancellationToken.None));
        Assert.All(parallel, e => Assert.Equal(first.Drops.ToArray(), e.Drops.ToArray()));

        // The intact input's logit is that of the prediction (no test-time augmentation here).
        Assert.Equal(OcclusionExplainer.Logit(first.Prediction.Probability), first.Logit, 4);
    }

    [Fact]
    public void Pixels_in_memory_are_explained_like_the_same_pixels_in_a_file()
    {
        var file = File(1);
        var fromFile = SmallSynthetic.Model.Explain(file, Coarse, CancellationToken.None);
        var pixels = fromFile.RoiPixels.ToArray();
        var mask = new float[pixels.Length];
        if (fromFile.Lesion is { } box)
        {
            for (var y = box.Top; y <= box.Bottom; y++)
            {
                for (var x = box.Left; x <= box.Right; x++)
                {
                    mask[(y * fromFile.RoiWidth) + x] = 1;
                }
            }
        }

        var inMemory = SmallSynthetic.Model.Explain(pixels, fromFile.RoiWidth, fromFile.RoiHeight, mask, Coarse, CancellationToken.None);
        Assert.Equal(fromFile.Crop, inMemory.Crop);
        Assert.Equal(fromFile.Drops.ToArray(), inMemory.Drops.ToArray());
        Assert.Null(inMemory.Prediction.Source);
    }

    [Fact]
    public void A_missing_file_or_a_constant_image_is_a_roi_format_error()
    {
        Assert.Throws<RoiFormatException>(() => SmallSynthetic.Model.Explain("/nonexistent/roi.h5"));
        Assert.Throws<RoiFormatException>(() => SmallSynthetic.Model.Explain(new float[64 * 64], 64, 64, [], null, CancellationToken.None));
    }

    [Fact]
    public void A_cancelled_token_stops_the_explanation()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SmallSynthetic.Model.Explain(File(0), Coarse, source.Token));
    }
}
