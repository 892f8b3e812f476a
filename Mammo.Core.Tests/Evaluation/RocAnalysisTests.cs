using Mammo.Evaluation;

namespace Mammo.Tests.Evaluation;

public sealed class RocAnalysisTests
{
    [Fact]
    public void Auc_counts_pairs_with_half_credit_for_ties()
    {
        Assert.Equal(1.0, RocAnalysis.Auc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]));
        Assert.Equal(0.0, RocAnalysis.Auc([0.9, 0.8, 0.2, 0.1], [false, false, true, true]));
        Assert.Equal(0.5, RocAnalysis.Auc([0.5, 0.5, 0.5, 0.5], [false, true, false, true]));
        // Pairs (pos, neg): (0.4 vs 0.1, 0.4 vs 0.6) -> 1 + 0; (0.7 vs 0.1, 0.7 vs 0.6) -> 1 + 1: 3 of 4.
        Assert.Equal(0.75, RocAnalysis.Auc([0.1, 0.4, 0.6, 0.7], [false, true, false, true]));
        Assert.True(double.IsNaN(RocAnalysis.Auc([0.1, 0.2], [true, true])));
    }

    [Fact]
    public void The_curve_runs_from_origin_to_one_one()
    {
        var curve = RocAnalysis.Curve([0.1, 0.4, 0.6, 0.7], [false, true, false, true]);
        Assert.Equal((0.0, 0.0), (curve[0].FalsePositiveRate, curve[0].TruePositiveRate));
        Assert.Equal((1.0, 1.0), (curve[^1].FalsePositiveRate, curve[^1].TruePositiveRate));
        Assert.Equal(5, curve.Count);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public async Task A_non_finite_score_is_refused_instead_of_hanging(double bad)
    {
        // Before the fix a NaN made the tie loop spin forever; run on a task so a regression fails instead of hanging.
        double[] scores = [0.1, bad, 0.6, 0.7];
        bool[] labels = [false, true, false, true];
        await Task.Run(() => Assert.Throws<ArgumentException>(() => RocAnalysis.Auc(scores, labels))).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var e = Assert.Throws<ArgumentException>(() => RocAnalysis.Curve(scores, labels));
        Assert.Contains("Score 1", e.Message);
        await Task.Run(() => Assert.Throws<ArgumentException>(() => Mammo.Heads.ThresholdSelector.Choose(scores, labels, Mammo.Training.ThresholdPolicy.YoudenJ, 0.9)))
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
