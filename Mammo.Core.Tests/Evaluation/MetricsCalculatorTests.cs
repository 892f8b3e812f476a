using Mammo.Evaluation;

namespace Mammo.Tests.Evaluation;

public sealed class MetricsCalculatorTests
{
    private static ScoredCase Case(string patient, string lesion, bool malignant, double p) => new($"{lesion}_{p}", patient, lesion, malignant, p);

    [Fact]
    public void Confusion_and_rates_at_the_threshold()
    {
        var cases = new[]
        {
            Case("P1", "L1", true, 0.9), Case("P2", "L2", true, 0.4), Case("P3", "L3", false, 0.6),
            Case("P4", "L4", false, 0.2), Case("P5", "L5", false, 0.1),
        };
        var m = MetricsCalculator.Level(cases, _ => 0.5, 200, 1);
        Assert.Equal(new ConfusionCounts(1, 1, 2, 1), m.Confusion);
        Assert.Equal(0.5, m.Sensitivity);
        Assert.Equal(2.0 / 3, m.Specificity, 10);
        Assert.Equal(0.6, m.Accuracy, 10);
        Assert.Equal(0.6, m.MajorityBaselineAccuracy, 10);
        Assert.Equal(0.5, m.Ppv);
        Assert.Equal(2.0 / 3, m.Npv, 10);
        Assert.InRange(m.AucCi95.Lower, 0, m.Auc);
        Assert.InRange(m.AucCi95.Upper, m.Auc, 1);
    }

    [Fact]
    public void Lesion_level_averages_the_views_of_a_lesion()
    {
        static ScoredCase View(string patient, string view, string id, bool malignant, double p) =>
            new($"{patient}_LEFT_{view}_{id}", patient, $"{patient}_LEFT_{id}", malignant, p);
        var cases = new[]
        {
            View("P_1", "CC", "1", true, 0.9), View("P_1", "MLO", "1", true, 0.3),
            View("P_2", "CC", "1", false, 0.5), View("P_2", "MLO", "1", false, 0.5),
        };
        var evaluation = MetricsCalculator.Evaluate("d", cases, _ => 0.55, 0, 1);
        Assert.Equal(2, evaluation.Lesions.Count);
        Assert.Equal(2, evaluation.PairedLesions);
        Assert.Equal(1.0, evaluation.Lesions.Auc);
        Assert.Equal(0.5, evaluation.Rows.Auc);
    }

    [Fact]
    public async Task A_nan_score_is_a_dataset_error_naming_the_row()
    {
        var cases = new[] { Case("P1", "L1", true, 0.9), Case("P2", "L2", false, double.NaN), Case("P3", "L3", false, 0.2) };
        var e = await Task.Run(() => Assert.Throws<DatasetException>(() => MetricsCalculator.Evaluate("d", cases, _ => 0.5, 50, 1)))
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Contains("L2_NaN", e.Message);
    }

    [Fact]
    public void One_class_resamples_are_counted_beside_the_interval()
    {
        // One malignant patient among five: a resample misses it with probability (4/5)^5, about a third.
        var cases = new[]
        {
            Case("P1", "L1", true, 0.9), Case("P2", "L2", false, 0.4), Case("P3", "L3", false, 0.6),
            Case("P4", "L4", false, 0.2), Case("P5", "L5", false, 0.1),
        };
        var ci = MetricsCalculator.BootstrapAuc(cases, 1000, 5);
        Assert.Equal(1000, ci.Resamples);
        Assert.InRange(ci.UsableResamples, 500, 800);
        var json = MetricsCalculator.Evaluate("d", cases, _ => 0.5, 1000, 5).ToJson();
        Assert.Equal(1000, (int)json["aucCi95Resamples"]!["drawn"]!);
        Assert.Equal(ci.UsableResamples, (int)json["aucCi95Resamples"]!["usable"]!);
        Assert.Equal(1000, (int)json["lesion"]!["aucCi95Resamples"]!["drawn"]!);
        var all = MetricsCalculator.BootstrapAuc(cases.Select(c => c with { PatientId = "P1" }).ToArray(), 100, 5);
        Assert.Equal((0, 100), (all.UsableResamples, all.Resamples));
    }

    [Fact]
    public void Only_one_CC_and_one_MLO_row_of_one_pathology_are_paired()
    {
        static ScoredCase View(string patient, string view, string id, bool malignant, double p) =>
            new($"{patient}_LEFT_{view}_{id}", patient, $"{patient}_LEFT_{id}", malignant, p);
        var cases = new[]
        {
            View("P_1", "CC", "1", true, 0.9), View("P_1", "MLO", "1", false, 0.3), // pathologies disagree
            View("P_2", "CC", "1", false, 0.5), View("P_2", "CC", "1", false, 0.4), View("P_2", "MLO", "1", false, 0.2), // three rows
            View("P_3", "MLO", "1", true, 0.7), // a lone view
            View("P_4", "CC", "2", true, 0.8), View("P_4", "MLO", "2", true, 0.6), // a pair
        };
        var evaluation = MetricsCalculator.Evaluate("d", cases, _ => 0.5, 0, 1);
        Assert.Equal(1, evaluation.PairedLesions);
        Assert.Equal(7, evaluation.Lesions.Count);
        Assert.Equal(1, (int)evaluation.ToJson()["pairedLesions"]!);
    }

    [Fact]
    public void The_majority_baseline_applies_the_training_majority_to_the_evaluated_set()
    {
        var cases = new[] { Case("P1", "L1", true, 0.9), Case("P2", "L2", true, 0.4), Case("P3", "L3", false, 0.6) };
        Assert.Equal(2.0 / 3, MetricsCalculator.Level(cases, _ => 0.5, 0, 1).MajorityBaselineAccuracy, 10);

        // Trained on mostly benign rows, the baseline calls every row benign: right on 1 of 3 here.
        Assert.Equal(1.0 / 3, MetricsCalculator.Level(cases, _ => 0.5, 0, 1, _ => false).MajorityBaselineAccuracy, 10);
    }

    [Fact]
    public void The_bootstrap_is_seeded_and_resamples_patients()
    {
        var random = new Random(3);
        var cases = Enumerable.Range(0, 60).Select(i => Case($"P{i / 2}", $"L{i / 2}", i % 4 < 2, random.NextDouble() + (i % 4 < 2 ? 0.3 : 0))).ToArray();
        var a = MetricsCalculator.BootstrapAuc(cases, 500, 7);
        Assert.Equal(a, MetricsCalculator.BootstrapAuc(cases, 500, 7));
        Assert.NotEqual(a, MetricsCalculator.BootstrapAuc(cases, 500, 8));
        Assert.True(a.Lower < a.Upper);
    }

    [Fact]
    public void Json_has_the_documented_fields_and_null_for_undefined_figures()
    {
        var cases = new[] { Case("P1", "L1", true, 0.9), Case("P2", "L2", true, 0.8) };
        var json = MetricsCalculator.Evaluate("d", cases, _ => 0.5, 0, 1).ToJson();
        foreach (var name in new[] { "auc", "aucCi95", "accuracy", "sensitivity", "specificity", "majorityBaselineAccuracy", "count", "positives", "lesionAuc", "confusion" })
        {
            Assert.True(json.ContainsKey(name), name);
        }

        Assert.Null(json["auc"]);
        Assert.Null(json["specificity"]);
        Assert.Equal(2, (int)json["confusion"]!["tp"]!);
    }
}
