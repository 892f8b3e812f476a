using Mammo.Features;
using Mammo.Heads;
using Mammo.Training;
using Microsoft.ML;

namespace Mammo.Tests.Heads;

/// <summary>The scorer's calibration, recipe and per-case means, each against the plain head's own scores.</summary>
public sealed class HeadScorerCaseTests
{
    private static readonly float[][] Rows = [[0.1f, 1], [0.9f, 0.2f], [0.4f, 0.5f], [0.8f, 0.1f], [0.2f, 0.9f], [0.7f, 0.3f]];
    private static readonly bool[] Labels = [false, true, false, true, false, true];

    private static (MLContext Ml, ITransformer Head) Head(IReadOnlyList<float[]> rows)
    {
        var ml = new MLContext(1);
        return (ml, HeadPipeline.Fit(ml, HeadTrainer.LbfgsLogisticRegression, 1, rows, Labels, false));
    }

    [Fact]
    public void A_calibration_maps_every_probability()
    {
        var (ml, head) = Head(Rows);
        var plain = new HeadScorer(ml, head, 2).Score(Rows);
        var calibration = new PlattScaling(2, -0.5);
        var calibrated = new HeadScorer(ml, head, 2, calibration: calibration).Score(Rows);
        Assert.Equal(plain.Select(calibration.Apply), calibrated, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.NotEqual(plain, calibrated);
    }

    [Fact]
    public void A_case_scores_the_mean_of_its_own_vectors()
    {
        var (ml, head) = Head(Rows);
        var scorer = new HeadScorer(ml, head, 2);
        var each = scorer.Score(Rows);
        Assert.Equal([(each[0] + each[1]) / 2, (each[2] + each[3]) / 2, (each[4] + each[5]) / 2], scorer.ScoreCases(Rows, 2), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal([(each[0] + each[1] + each[2]) / 3, (each[3] + each[4] + each[5]) / 3], scorer.ScoreCases(Rows, 3), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void A_recipe_turns_each_bundle_into_the_heads_input()
    {
        // A head on the pooled 512 of a bundle scores whole bundles through the recipe as it scores their pooled part.
        var bundles = Rows.Select(r =>
        {
            var bundle = new float[FeatureBundle.Length];
            for (var k = 0; k < 512; k++)
            {
                bundle[k] = r[k % 2] + (0.01f * (k % 3));
            }

            return bundle;
        }).ToArray();
        var pooled = FeatureRecipe.Pooled.Apply(bundles);
        var (ml, head) = Head(pooled);
        Assert.Equal(new HeadScorer(ml, head, 512).Score(pooled), new HeadScorer(ml, head, 512, FeatureRecipe.Pooled).Score(bundles));
    }
}
