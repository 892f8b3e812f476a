using Mammo.Evaluation;

namespace Mammo.Tests.Evaluation;

/// <summary>
/// Known answers at the edges of the evaluation: repeated cross-validation's figures in the JSON, the training-majority
/// baseline passed through <c>Evaluate</c>, the lesion average, intervals with no usable resample, case keys that name no
/// view, and mismatched inputs.
/// </summary>
public sealed class EvaluationEdgeCaseTests
{
    private static ScoredCase Case(string patient, bool malignant, double p) => new($"{patient}_{p}", patient, $"{patient}_L", malignant, p);

    private static readonly ScoredCase[] Four = [Case("P1", true, 0.9), Case("P2", true, 0.3), Case("P3", false, 0.6), Case("P4", false, 0.2)];

    [Fact]
    public void Repeated_cross_validation_figures_are_written_under_their_own_names()
    {
        var evaluation = MetricsCalculator.Evaluate("d", Four, _ => 0.5, 0, 1) with
        {
            Repeats = 3, RepeatAucs = [0.72, 0.77, 0.82], AucMean = 0.77, AucSd = 0.05,
        };
        var json = evaluation.ToJson();
        Assert.Equal(3, (int)json["repeats"]!);
        Assert.Equal(0.77, (double)json["aucMean"]!); // the mean over repeats, beside the pooled figure
        Assert.Equal(0.75, (double)json["auc"]!);
        Assert.Equal(0.05, (double)json["aucSd"]!);
        Assert.Equal([0.72, 0.77, 0.82], json["repeatAucs"]!.AsArray().Select(n => (double)n!));
    }

    [Fact]
    public void Without_repeats_the_mean_auc_is_the_pooled_one_and_the_spread_is_null()
    {
        var json = MetricsCalculator.Evaluate("d", Four, _ => 0.5, 0, 1).ToJson();
        Assert.Equal(0.75, (double)json["aucMean"]!);
        Assert.Null(json["aucSd"]);
        Assert.Equal(1, (int)json["repeats"]!);
        Assert.Empty(json["repeatAucs"]!.AsArray());
    }

    [Fact]
    public void Evaluate_uses_the_training_majority_when_it_is_given()
    {
        // Two malignant of four: the set's own majority scores 0.5; a training majority of "benign" for P1 and "malignant"
        // for the others is right for P2 only.
        var evaluation = MetricsCalculator.Evaluate("d", Four, _ => 0.5, 0, 1, patient => patient != "P1");
        Assert.Equal(0.25, evaluation.Rows.MajorityBaselineAccuracy);
        Assert.Equal(0.25, evaluation.Lesions.MajorityBaselineAccuracy);
        Assert.Equal(0.5, MetricsCalculator.Evaluate("d", Four, _ => 0.5, 0, 1).Rows.MajorityBaselineAccuracy);
    }

    [Fact]
    public void A_paired_lesion_scores_the_mean_of_its_two_views()
    {
        ScoredCase[] views = [new("P1_LEFT_CC_1", "P1", "P1_LEFT_1", true, 0.9), new("P1_LEFT_MLO_1", "P1", "P1_LEFT_1", true, 0.3)];
        var (lesions, paired) = MetricsCalculator.Lesions(views);
        Assert.Equal(1, paired);
        Assert.Equal(0.6, Assert.Single(lesions).Probability, 12);
    }

    [Fact]
    public void Case_keys_with_fewer_than_four_parts_name_no_view_and_are_not_paired()
    {
        // "P1_CC_1" has a CC in the second-to-last place, but not the <patient>_<side>_<view>_<id> layout.
        ScoredCase[] rows = [new("P1_CC_1", "P1", "P1_1", true, 0.9), new("P1_MLO_1", "P1", "P1_1", true, 0.3)];
        var (lesions, paired) = MetricsCalculator.Lesions(rows);
        Assert.Equal(0, paired);
        Assert.Equal(2, lesions.Count);
    }

    [Fact]
    public void Resamples_that_all_hold_one_class_give_no_interval_but_are_counted_as_drawn()
    {
        // Two patients, both benign: every resample holds one class.
        var interval = MetricsCalculator.BootstrapAuc([Case("P1", false, 0.2), Case("P2", false, 0.4)], 50, 1);
        Assert.True(double.IsNaN(interval.Lower) && double.IsNaN(interval.Upper));
        Assert.Equal((0, 50), (interval.UsableResamples, interval.Resamples));
    }

    [Fact]
    public void Scores_and_labels_of_different_lengths_are_refused_naming_both_counts()
    {
        var e = Assert.Throws<ArgumentException>(() => RocAnalysis.Auc([0.1, 0.2, 0.3], [true, false]));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains("3 scores but 2 labels", e.Message);
    }
}
