using Mammo.Evaluation;

namespace Mammo.Tests.Evaluation;

/// <summary>
/// The ROC curve against hand-computed answers: it must run from the highest score down, one corner per distinct score,
/// each corner being the rates of calling every score at or above its threshold malignant.
/// </summary>
public sealed class RocCurveOrderTests
{
    // Scores high to low: 0.9 P, 0.8 N, 0.7 P, 0.6 P, 0.55 N, 0.3 N (3 positives, 3 negatives), given out of order.
    private static readonly double[] Scores = [0.55, 0.9, 0.3, 0.7, 0.8, 0.6];
    private static readonly bool[] Labels = [false, true, false, true, false, true];

    [Fact]
    public void Corners_follow_the_scores_from_high_to_low()
    {
        var curve = RocAnalysis.Curve(Scores, Labels);
        var expected = new (double Fpr, double Tpr, double Threshold)[]
        {
            (0, 0, double.PositiveInfinity),
            (0, 1.0 / 3, 0.9),
            (1.0 / 3, 1.0 / 3, 0.8),
            (1.0 / 3, 2.0 / 3, 0.7),
            (1.0 / 3, 1, 0.6),
            (2.0 / 3, 1, 0.55),
            (1, 1, 0.3),
        };
        Assert.Equal(expected.Length, curve.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Threshold, curve[i].Threshold);
            Assert.Equal(expected[i].Fpr, curve[i].FalsePositiveRate, 12);
            Assert.Equal(expected[i].Tpr, curve[i].TruePositiveRate, 12);
        }
    }

    [Fact]
    public void Tied_scores_make_one_corner()
    {
        // 0.8 P, 0.5 P, 0.5 N, 0.2 N: the tie at 0.5 moves both rates at once (a diagonal step).
        var curve = RocAnalysis.Curve([0.5, 0.2, 0.8, 0.5], [true, false, true, false]);
        Assert.Equal([double.PositiveInfinity, 0.8, 0.5, 0.2], curve.Select(p => p.Threshold));
        Assert.Equal([0, 0, 0.5, 1], curve.Select(p => p.FalsePositiveRate));
        Assert.Equal([0, 0.5, 1, 1], curve.Select(p => p.TruePositiveRate));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Every_corner_is_the_rates_at_its_threshold_and_the_area_is_the_auc(int seed)
    {
        var random = new Random(seed);
        var n = 40 + random.Next(40);
        // Scores rounded to 0.05 so that ties between and within classes occur.
        var labels = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.4).ToArray();
        var scores = labels.Select(l => Math.Round((random.NextDouble() + (l ? 0.3 : 0)) * 20) / 20).ToArray();
        var positives = labels.Count(l => l);
        var negatives = n - positives;

        var curve = RocAnalysis.Curve(scores, labels);
        Assert.Equal(scores.Distinct().Count() + 1, curve.Count);
        for (var i = 1; i < curve.Count; i++)
        {
            Assert.True(curve[i].Threshold < curve[i - 1].Threshold, "thresholds fall along the curve");
            var tp = Enumerable.Range(0, n).Count(k => labels[k] && scores[k] >= curve[i].Threshold);
            var fp = Enumerable.Range(0, n).Count(k => !labels[k] && scores[k] >= curve[i].Threshold);
            Assert.Equal((double)tp / positives, curve[i].TruePositiveRate, 12);
            Assert.Equal((double)fp / negatives, curve[i].FalsePositiveRate, 12);
        }

        // Trapezoids under the corners give the Mann-Whitney AUC (ties: half credit = the diagonal step).
        var area = 0.0;
        for (var i = 1; i < curve.Count; i++)
        {
            area += (curve[i].FalsePositiveRate - curve[i - 1].FalsePositiveRate) * (curve[i].TruePositiveRate + curve[i - 1].TruePositiveRate) / 2;
        }

        Assert.Equal(BruteForceAuc(scores, labels), RocAnalysis.Auc(scores, labels), 12);
        Assert.Equal(RocAnalysis.Auc(scores, labels), area, 12);
    }

    [Fact]
    public void Auc_of_hand_computed_cases()
    {
        // Positives 0.9, 0.7, 0.6 against negatives 0.8, 0.55, 0.3: 0.9 beats 3, 0.7 beats 2, 0.6 beats 2 -> 7 of 9.
        Assert.Equal(7.0 / 9, RocAnalysis.Auc(Scores, Labels), 12);
        // A tie across classes counts half: positives 0.5, 0.9 against negatives 0.5, 0.1 -> (0.5 + 1) + (1 + 1) = 3.5 of 4.
        Assert.Equal(3.5 / 4, RocAnalysis.Auc([0.5, 0.9, 0.5, 0.1], [true, true, false, false]), 12);
        Assert.True(double.IsNaN(RocAnalysis.Auc([0.1, 0.2], [false, false])));
        Assert.True(double.IsNaN(RocAnalysis.Auc([], [])));
    }

    [Fact]
    public void A_single_class_gives_a_curve_without_division_by_zero()
    {
        var curve = RocAnalysis.Curve([0.2, 0.7], [true, true]);
        Assert.Equal([0, 0.5, 1], curve.Select(p => p.TruePositiveRate));
        Assert.All(curve, p => Assert.Equal(0, p.FalsePositiveRate));
        var negativesOnly = RocAnalysis.Curve([0.2, 0.7], [false, false]);
        Assert.Equal([0, 0.5, 1], negativesOnly.Select(p => p.FalsePositiveRate));
        Assert.All(negativesOnly, p => Assert.Equal(0, p.TruePositiveRate));
    }

    private static double BruteForceAuc(double[] scores, bool[] labels)
    {
        double credit = 0;
        long pairs = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            for (var j = 0; j < scores.Length; j++)
            {
                if (labels[i] && !labels[j])
                {
                    pairs++;
                    credit += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }

        return credit / pairs;
    }
}
