using Mammo.Heads;
using Mammo.Training;
using Microsoft.ML;

namespace Mammo.Tests.Heads;

/// <summary>
/// Class weights on eight rows, two malignant. With an unpenalised bias, logistic regression's optimum has the
/// weighted mean probability equal to the weighted base rate, whatever the L2: unweighted, 2/8; balanced (malignant rows
/// weigh 8 / (2 x 2) = 2, benign ones 8 / (2 x 6) = 2/3, each class half the total), 1/2.
/// </summary>
public sealed class HeadPipelineWeightTests
{
    private static readonly float[][] Noise = [[0.3f, -1], [-0.7f, 0.4f], [1.1f, 0.2f], [-0.2f, -0.5f], [0.6f, 0.9f], [-1.3f, 0.1f], [0.4f, -0.8f], [-0.2f, 0.6f]];
    private static readonly bool[] Labels = [true, false, false, true, false, false, false, false];

    [Theory]
    [InlineData(false, 1, 1, 0.25)]
    [InlineData(true, 2, 2.0 / 3, 0.5)]
    public void The_weighted_mean_probability_is_the_weighted_base_rate(bool balance, double malignantWeight, double benignWeight, double expected)
    {
        var ml = new MLContext(3);
        var head = HeadPipeline.Fit(ml, HeadTrainer.LbfgsLogisticRegression, 1, Noise, Labels, balance, tolerance: 1e-7f);
        var p = HeadPipeline.Score(ml, head, Noise);
        var weights = Labels.Select(l => l ? malignantWeight : benignWeight).ToArray();
        Assert.Equal(expected, p.Zip(weights, (q, w) => q * w).Sum() / weights.Sum(), 0.005);
    }

    [Fact]
    public void Sdca_weighs_the_classes_when_balancing()
    {
        // SDCA penalises its bias too, so no base rate to compare with; but balanced, the two malignant rows weigh as much
        // as the six benign ones, which lifts every probability.
        var ml = new MLContext(3);
        var plain = HeadPipeline.Score(ml, HeadPipeline.Fit(ml, HeadTrainer.SdcaLogisticRegression, 0.05, Noise, Labels, false), Noise);
        var balanced = HeadPipeline.Score(ml, HeadPipeline.Fit(ml, HeadTrainer.SdcaLogisticRegression, 0.05, Noise, Labels, true), Noise);
        Assert.True(balanced.Average() > plain.Average() + 0.05, $"{balanced.Average()} against {plain.Average()}");
    }

    [Fact]
    public void Sdca_takes_its_l2_as_given_above_its_floor()
    {
        // A heavy L2 (bias included, in SDCA) leaves every probability at about 1/2; a light one lets the noise be fitted.
        var ml = new MLContext(3);
        var heavy = HeadPipeline.Score(ml, HeadPipeline.Fit(ml, HeadTrainer.SdcaLogisticRegression, 1e4, Noise, Labels, false), Noise);
        Assert.All(heavy, p => Assert.Equal(0.5, p, 0.01));
        var light = HeadPipeline.Score(ml, HeadPipeline.Fit(ml, HeadTrainer.SdcaLogisticRegression, 1e-2, Noise, Labels, false), Noise);
        Assert.True(light.Max() - light.Min() > 0.2, string.Join(", ", light));
    }

    [Fact]
    public void Scoring_no_vectors_gives_no_scores()
    {
        var ml = new MLContext(3);
        var head = HeadPipeline.Fit(ml, HeadTrainer.LbfgsLogisticRegression, 1, Noise, Labels, false);
        Assert.Empty(HeadPipeline.Score(ml, head, []));
        Assert.Equal(8, HeadPipeline.Score(ml, head, Noise).Length);
    }
}
