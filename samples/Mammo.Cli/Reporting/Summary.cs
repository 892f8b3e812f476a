using System.Globalization;
using Mammo.Evaluation;

namespace Mammo.Cli.Reporting;

/// <summary>The plain-text summary of an evaluation printed by the console.</summary>
internal static class Summary
{
    public static string Describe(MassEvaluation e) => string.Join(Environment.NewLine, new string?[]
    {
        $"dataset       {e.Dataset}",
        $"threshold     {F(e.Threshold)}",
        "",
        "                     rows         lesions",
        Line("count", e.Rows.Count.ToString(CultureInfo.InvariantCulture), e.Lesions.Count.ToString(CultureInfo.InvariantCulture)),
        Line("malignant", e.Rows.Positives.ToString(CultureInfo.InvariantCulture), e.Lesions.Positives.ToString(CultureInfo.InvariantCulture)),
        Line("AUC", F(e.Rows.Auc), F(e.Lesions.Auc)),
        Line("AUC 95% CI", Interval(e.Rows.AucCi95), Interval(e.Lesions.AucCi95)),
        Line("  usable resamples", Resamples(e.Rows.AucCi95), Resamples(e.Lesions.AucCi95)),
        e.Repeats > 1 ? Line($"AUC over {e.Repeats} repeats (mean ± sd)", $"{F(e.AucMean)} ± {F(e.AucSd)}", "") : null,
        Line("accuracy", F(e.Rows.Accuracy), F(e.Lesions.Accuracy)),
        Line("majority baseline", F(e.Rows.MajorityBaselineAccuracy), F(e.Lesions.MajorityBaselineAccuracy)),
        Line("sensitivity", F(e.Rows.Sensitivity), F(e.Lesions.Sensitivity)),
        Line("specificity", F(e.Rows.Specificity), F(e.Lesions.Specificity)),
        Line("PPV", F(e.Rows.Ppv), F(e.Lesions.Ppv)),
        Line("NPV", F(e.Rows.Npv), F(e.Lesions.Npv)),
        Line("F1", F(e.Rows.F1), F(e.Lesions.F1)),
        Line("TP / FP / TN / FN", Confusion(e.Rows.Confusion), Confusion(e.Lesions.Confusion)),
    }.OfType<string>());

    public static string F(double value) => double.IsFinite(value) ? value.ToString("F3", CultureInfo.InvariantCulture) : "n/a";

    public static string Interval(ConfidenceInterval ci) => $"{F(ci.Lower)}-{F(ci.Upper)}";

    /// <summary>How many bootstrap resamples an interval rests on, of those drawn (one-class resamples have no AUC).</summary>
    public static string Resamples(ConfidenceInterval ci) => string.Create(CultureInfo.InvariantCulture, $"{ci.UsableResamples}/{ci.Resamples}");

    public static string Confusion(ConfusionCounts c) => $"{c.TruePositives}/{c.FalsePositives}/{c.TrueNegatives}/{c.FalseNegatives}";

    private static string Line(string name, string rows, string lesions) => $"{name,-20} {rows,-12} {lesions}";
}
