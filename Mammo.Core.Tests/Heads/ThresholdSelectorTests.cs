using Mammo.Evaluation;
using Mammo.Heads;
using Mammo.Training;

namespace Mammo.Tests.Heads;

/// <summary>The threshold policies on hand-computed validation scores.</summary>
public sealed class ThresholdSelectorTests
{
    // High to low: 0.9 P, 0.8 N, 0.7 P, 0.6 P, 0.55 N, 0.3 N. Youden's J per threshold:
    // 0.9: 1/3 - 0; 0.8: 1/3 - 1/3; 0.7: 2/3 - 1/3; 0.6: 1 - 1/3 = 2/3 (the maximum); 0.55: 1 - 2/3; 0.3: 0.
    private static readonly double[] Scores = [0.55, 0.9, 0.3, 0.7, 0.8, 0.6];
    private static readonly bool[] Labels = [false, true, false, true, false, true];

    [Fact]
    public void Youden_picks_the_threshold_with_the_largest_sensitivity_plus_specificity()
    {
        Assert.Equal(0.6, ThresholdSelector.Choose(Scores, Labels, ThresholdPolicy.YoudenJ, 0.9));
    }

    [Fact]
    public void Youden_prefers_the_higher_threshold_among_equals()
    {
        // 0.9 P, 0.8 N, 0.7 P, 0.2 N: J is 1/2 at 0.9 and 1/2 at 0.7; the stricter one wins.
        Assert.Equal(0.9, ThresholdSelector.Choose([0.2, 0.7, 0.8, 0.9], [false, true, false, true], ThresholdPolicy.YoudenJ, 0.9));
    }

    [Theory]
    [InlineData(0.3, 0.9)]
    [InlineData(1.0 / 3, 0.9)]
    [InlineData(0.5, 0.7)]
    [InlineData(2.0 / 3, 0.7)]
    [InlineData(0.9, 0.6)]
    [InlineData(1.0, 0.6)]
    public void Target_sensitivity_takes_the_highest_threshold_that_reaches_it(double target, double expected)
    {
        Assert.Equal(expected, ThresholdSelector.Choose(Scores, Labels, ThresholdPolicy.TargetSensitivity, target));
    }

    [Theory]
    [InlineData(5, 0.8)]
    [InlineData(6, 0.9)]
    [InlineData(7, 0.95)]
    public void The_chosen_threshold_gives_at_least_the_target_sensitivity_and_no_higher_one_does(int seed, double target)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, 200).Select(_ => random.NextDouble() < 0.4).ToArray();
        var scores = labels.Select(l => Math.Round(random.NextDouble() * 0.7 + (l ? 0.3 : 0), 3)).ToArray();
        var threshold = ThresholdSelector.Choose(scores, labels, ThresholdPolicy.TargetSensitivity, target);
        Assert.True(Sensitivity(scores, labels, threshold) >= target);
        var higher = scores.Where(s => s > threshold).DefaultIfEmpty(double.NaN).Min();
        if (!double.IsNaN(higher))
        {
            Assert.True(Sensitivity(scores, labels, higher) < target, $"{higher} also reaches {target}");
        }

        // Youden's choice is no worse than any score used as the threshold.
        var youden = ThresholdSelector.Choose(scores, labels, ThresholdPolicy.YoudenJ, target);
        var best = scores.Distinct().Max(t => J(scores, labels, t));
        Assert.Equal(best, J(scores, labels, youden), 12);
    }

    [Fact]
    public void The_policy_changes_the_threshold()
    {
        Assert.NotEqual(
            ThresholdSelector.Choose(Scores, Labels, ThresholdPolicy.YoudenJ, 0.3),
            ThresholdSelector.Choose(Scores, Labels, ThresholdPolicy.TargetSensitivity, 0.3));
    }

    [Fact]
    public void No_scores_fall_back_to_one_half_and_an_unknown_policy_is_refused()
    {
        Assert.Equal(0.5, ThresholdSelector.Choose([], [], ThresholdPolicy.YoudenJ, 0.9));
        Assert.Equal(0.5, ThresholdSelector.Choose([], [], ThresholdPolicy.TargetSensitivity, 0.9));
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdSelector.Choose(Scores, Labels, (ThresholdPolicy)42, 0.9));
    }

    [Fact]
    public void Scores_far_from_one_half_give_a_threshold_far_from_one_half()
    {
        // A well-separated validation set whose scores all lie below 0.2: the chosen threshold must sit among them.
        double[] scores = [0.01, 0.02, 0.03, 0.11, 0.12, 0.13];
        bool[] labels = [false, false, false, true, true, true];
        Assert.Equal(0.11, ThresholdSelector.Choose(scores, labels, ThresholdPolicy.YoudenJ, 0.9));
        Assert.Equal(0.11, ThresholdSelector.Choose(scores, labels, ThresholdPolicy.TargetSensitivity, 1.0));
        Assert.Equal(0.13, ThresholdSelector.Choose(scores, labels, ThresholdPolicy.TargetSensitivity, 0.3));
    }

    private static double Sensitivity(double[] scores, bool[] labels, double threshold) =>
        (double)Enumerable.Range(0, scores.Length).Count(i => labels[i] && scores[i] >= threshold) / labels.Count(l => l);

    private static double J(double[] scores, bool[] labels, double threshold) =>
        Sensitivity(scores, labels, threshold)
        + ((double)Enumerable.Range(0, scores.Length).Count(i => !labels[i] && scores[i] < threshold) / labels.Count(l => !l)) - 1;
}
