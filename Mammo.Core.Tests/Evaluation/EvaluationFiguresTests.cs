using System.Text.Json.Nodes;
using Mammo.Data;
using Mammo.Evaluation;

namespace Mammo.Tests.Evaluation;

/// <summary>Every figure of an evaluation and every field of its JSON, against hand-computed answers.</summary>
public sealed class EvaluationFiguresTests
{
    private static ScoredCase Case(string patient, bool malignant, double p, string? lesion = null) =>
        new($"{patient}_{p}", patient, lesion ?? $"{patient}_L", malignant, p);

    // At threshold 0.5: malignant 0.9, 0.8 called (TP 2), 0.3 missed (FN 1); benign 0.7 called (FP 1), 0.2, 0.1 not (TN 2).
    private static readonly ScoredCase[] Six =
    [
        Case("P1", true, 0.9), Case("P2", true, 0.8), Case("P3", true, 0.3),
        Case("P4", false, 0.7), Case("P5", false, 0.2), Case("P6", false, 0.1),
    ];

    [Fact]
    public void Rates_f1_and_predictive_values_of_a_hand_computed_case()
    {
        var m = MetricsCalculator.Level(Six, _ => 0.5, 0, 1);
        Assert.Equal(new ConfusionCounts(2, 1, 2, 1), m.Confusion);
        Assert.Equal(6, m.Count);
        Assert.Equal(3, m.Positives);
        Assert.Equal(2.0 / 3, m.Sensitivity, 12);
        Assert.Equal(2.0 / 3, m.Specificity, 12);
        Assert.Equal(2.0 / 3, m.Ppv, 12);
        Assert.Equal(2.0 / 3, m.Npv, 12);
        Assert.Equal(4.0 / 6, m.F1, 12);
        Assert.Equal(4.0 / 6, m.Accuracy, 12);
        Assert.Equal(0.5, m.MajorityBaselineAccuracy, 12);
        // Pairs: 0.9 and 0.8 beat all 3 benign, 0.3 beats 0.2 and 0.1: 8 of 9.
        Assert.Equal(8.0 / 9, m.Auc, 12);
        Assert.Equal(7, m.Roc.Count);
    }

    [Fact]
    public void A_score_equal_to_the_threshold_is_called_malignant()
    {
        var m = MetricsCalculator.Level([Case("P1", true, 0.5), Case("P2", false, 0.5 - 1e-9)], _ => 0.5, 0, 1);
        Assert.Equal(new ConfusionCounts(1, 0, 1, 0), m.Confusion);
    }

    [Fact]
    public void Each_patient_is_judged_at_her_own_threshold_and_the_reported_threshold_is_their_row_average()
    {
        var cases = new[] { Case("P1", true, 0.3), Case("P2", false, 0.5), Case("P2", false, 0.55), Case("P2", true, 0.7) };
        var evaluation = MetricsCalculator.Evaluate("d", cases, p => p == "P1" ? 0.2 : 0.6, 0, 1);
        Assert.Equal((0.2 + (3 * 0.6)) / 4, evaluation.Threshold, 12);
        Assert.Equal(new ConfusionCounts(2, 0, 2, 0), evaluation.Rows.Confusion);

        var empty = MetricsCalculator.Evaluate("d", [], _ => 0.5, 0, 1);
        Assert.True(double.IsNaN(empty.Threshold));
        Assert.Equal(0, empty.Rows.Count);
        Assert.True(double.IsNaN(empty.Rows.Accuracy));
    }

    [Fact]
    public void Rows_of_one_lesion_are_averaged_only_as_one_CC_and_one_MLO_of_one_pathology()
    {
        static ScoredCase View(string patient, string view, bool malignant, double p) =>
            new($"{patient}_LEFT_{view}_1", patient, $"{patient}_LEFT_1", malignant, p);

        // P1's views disagree on pathology: no pairing guesses a lesion label, each row stays a lesion of its own.
        // P2's CC and MLO agree: one lesion scored (0.1 + 0.3) / 2.
        var cases = new[]
        {
            View("P1", "CC", true, 0.8), View("P1", "MLO", false, 0.6),
            View("P2", "CC", false, 0.1), View("P2", "MLO", false, 0.3),
        };
        var evaluation = MetricsCalculator.Evaluate("d", cases, _ => 0.5, 0, 1);
        Assert.Equal(3, evaluation.Lesions.Count);
        Assert.Equal(1, evaluation.PairedLesions);
        Assert.Equal(1, evaluation.Lesions.Positives);
        Assert.Equal(new ConfusionCounts(1, 1, 1, 0), evaluation.Lesions.Confusion);

        // Rows without a view in their key (not CBIS-DDSM keys) are never paired.
        var bare = MetricsCalculator.Evaluate("d", [Case("P3", false, 0.1, "L3"), Case("P3", false, 0.3, "L3")], _ => 0.5, 0, 1);
        Assert.Equal(0, bare.PairedLesions);
        Assert.Equal(2, bare.Lesions.Count);
    }

    [Fact]
    public void One_resample_gives_a_point_interval()
    {
        var cases = Enumerable.Range(0, 10).Select(p => Case($"P{p}", p % 2 == 0, (p * 0.37) % 1)).ToList();
        for (var seed = 1; seed <= 10; seed++)
        {
            var interval = MetricsCalculator.BootstrapAuc(cases, 1, seed);
            Assert.Equal(interval.Lower, interval.Upper);
        }
    }

    [Fact]
    public void Percentiles_interpolate_linearly_between_the_two_nearest_resamples()
    {
        // Patients: malignant 0.9, benign 0.1, benign 0.9. A usable resample's AUC is 1, 0.75 or 0.5.
        var cases = new[] { Case("P1", true, 0.9), Case("P2", false, 0.1), Case("P3", false, 0.9) };
        double[] values = [0.5, 0.75, 1];
        var checkedOne = false;
        for (var seed = 1; seed <= 40; seed++)
        {
            // Two resamples (when both are usable): lower = a + 0.025 (b - a), upper = a + 0.975 (b - a).
            var interval = MetricsCalculator.BootstrapAuc(cases, 2, seed);
            if (double.IsNaN(interval.Lower) || interval.Lower == interval.Upper)
            {
                continue;
            }

            checkedOne = true;
            Assert.Contains(values.SelectMany(a => values.Where(b => b > a).Select(b => (a, b))), pair =>
                Math.Abs(interval.Lower - (pair.a + (0.025 * (pair.b - pair.a)))) < 1e-12
                && Math.Abs(interval.Upper - (pair.a + (0.975 * (pair.b - pair.a)))) < 1e-12);
        }

        Assert.True(checkedOne, "no seed gave two different usable resamples");
    }

    [Fact]
    public void Json_names_every_figure_and_rounds_to_six_decimals()
    {
        var cases = Six.Select(c => c with { Probability = c.Probability + 0.0000001 }).ToArray();
        var evaluation = MetricsCalculator.Evaluate("the-set", cases, _ => 0.5, 0, 1) with
        {
            Skipped = [new SkippedRow("P_00009_LEFT_CC_1", "no ROI file")],
        };
        var json = evaluation.ToJson();
        Assert.Equal("the-set", (string)json["dataset"]!);
        Assert.Equal(0.5, (double)json["threshold"]!);
        Assert.Equal(6, (int)json["count"]!);
        Assert.Equal(3, (int)json["positives"]!);
        Assert.Equal(Math.Round(2.0 / 3, 6), (double)json["ppv"]!);
        Assert.Equal(Math.Round(2.0 / 3, 6), (double)json["npv"]!);
        Assert.Equal(Math.Round(4.0 / 6, 6), (double)json["f1"]!);
        Assert.Equal(Math.Round(2.0 / 3, 6), (double)json["sensitivity"]!);
        Assert.Equal(Math.Round(2.0 / 3, 6), (double)json["specificity"]!);
        Assert.Equal(Math.Round(8.0 / 9, 6), (double)json["auc"]!);
        Assert.Equal(Math.Round(8.0 / 9, 6), (double)json["lesionAuc"]!);
        Assert.Equal(0.5, (double)json["majorityBaselineAccuracy"]!);
        var confusion = json["confusion"]!.AsObject();
        Assert.Equal((2, 1, 2, 1), ((int)confusion["tp"]!, (int)confusion["fp"]!, (int)confusion["tn"]!, (int)confusion["fn"]!));
        Assert.Null(json["aucCi95"]![0]);

        var roc = json["roc"]!.AsArray();
        Assert.Equal(7, roc.Count);
        Assert.Null(roc[0]!["threshold"]);
        Assert.Equal(0, (double)roc[0]!["fpr"]!);
        Assert.Equal(0.9, (double)roc[1]!["threshold"]!);
        Assert.Equal(Math.Round(1.0 / 3, 6), (double)roc[1]!["tpr"]!);
        Assert.Equal(1, (double)roc[^1]!["fpr"]!);

        var lesion = json["lesion"]!.AsObject();
        Assert.Equal(6, (int)lesion["count"]!);
        var skipped = Assert.Single(json["skipped"]!.AsArray())!;
        Assert.Equal("P_00009_LEFT_CC_1", (string)skipped["caseKey"]!);
        Assert.Equal("no ROI file", (string)skipped["reason"]!);

        var text = evaluation.ToJsonString();
        Assert.Contains("\n", text);
        Assert.Equal("the-set", (string)JsonNode.Parse(text)!["dataset"]!);
    }
}
