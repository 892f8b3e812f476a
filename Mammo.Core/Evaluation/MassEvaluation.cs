using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mammo.Evaluation;

/// <summary>
/// The evaluation of a <see cref="MassClassifier"/> on a dataset: row-level figures, the same at lesion level (a lesion's
/// CC and MLO scores averaged), and every scored row.
/// </summary>
public sealed record MassEvaluation
{
    /// <summary>Gets the dataset evaluated.</summary>
    public required string Dataset { get; init; }

    /// <summary>Gets the probability threshold the decisions used (chosen on validation during training).</summary>
    public required double Threshold { get; init; }

    /// <summary>Gets the row-level figures.</summary>
    public required LevelMetrics Rows { get; init; }

    /// <summary>Gets the lesion-level figures.</summary>
    public required LevelMetrics Lesions { get; init; }

    /// <summary>Gets every scored row.</summary>
    public required IReadOnlyList<ScoredCase> Cases { get; init; }

    /// <summary>Gets how many lesions were scored as a CC + MLO pair (their mean); every other lesion is one row.</summary>
    public int PairedLesions { get; init; }

    /// <summary>Gets the number of cross-validation repeats (different fold assignments) behind <see cref="AucMean"/>; 1 outside repeated cross-validation.</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>Gets each repeat's pooled row-level AUC.</summary>
    public IReadOnlyList<double> RepeatAucs { get; init; } = [];

    /// <summary>Gets the mean of <see cref="RepeatAucs"/> (the row-level AUC when there are none).</summary>
    public double AucMean { get; init; } = double.NaN;

    /// <summary>Gets the sample standard deviation of <see cref="RepeatAucs"/>: what the fold draw alone does to the figure.</summary>
    public double AucSd { get; init; } = double.NaN;

    /// <summary>Gets the rows left out (missing or unreadable ROI), with the reason.</summary>
    public IReadOnlyList<Data.SkippedRow> Skipped { get; init; } = [];

    /// <summary>
    /// Writes the evaluation as JSON: <c>auc</c>, <c>aucCi95</c> [lower, upper], <c>aucCi95Resamples</c> {<c>usable</c>,
    /// <c>drawn</c>} (bootstrap resamples holding both classes, of those drawn), <c>accuracy</c>, <c>sensitivity</c>,
    /// <c>specificity</c>, <c>ppv</c>, <c>npv</c>, <c>f1</c>, <c>majorityBaselineAccuracy</c>, <c>count</c>, <c>positives</c>,
    /// <c>threshold</c>, <c>repeats</c>, <c>aucMean</c>, <c>aucSd</c>, <c>repeatAucs</c> (repeated cross-validation), <c>confusion</c> {<c>tp</c>, <c>fp</c>, <c>tn</c>, <c>fn</c>}, <c>lesionAuc</c>, <c>lesion</c> {the same
    /// figures}, <c>roc</c> [{<c>fpr</c>, <c>tpr</c>, <c>threshold</c>}], <c>skipped</c>. Undefined figures are <c>null</c>.
    /// </summary>
    /// <returns>The JSON object.</returns>
    public JsonObject ToJson()
    {
        var json = Level(Rows);
        json["dataset"] = Dataset;
        json["threshold"] = Number(Threshold);
        json["lesionAuc"] = Number(Lesions.Auc);
        json["pairedLesions"] = PairedLesions;
        json["repeats"] = Repeats;
        json["aucMean"] = Number(double.IsNaN(AucMean) ? Rows.Auc : AucMean);
        json["aucSd"] = Number(AucSd);
        json["repeatAucs"] = new JsonArray(RepeatAucs.Select(a => Number(a)).ToArray());
        json["lesion"] = Level(Lesions);
        json["skipped"] = new JsonArray(Skipped.Select(s => (JsonNode)new JsonObject { ["caseKey"] = s.CaseKey, ["reason"] = s.Reason }).ToArray());
        return json;
    }

    /// <summary>Writes <see cref="ToJson"/> to a string, indented.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJsonString() => ToJson().ToJsonString(IO.MammoJson.Options);

    private static JsonObject Level(LevelMetrics m) => new()
    {
        ["count"] = m.Count,
        ["positives"] = m.Positives,
        ["auc"] = Number(m.Auc),
        ["aucCi95"] = new JsonArray(Number(m.AucCi95.Lower), Number(m.AucCi95.Upper)),
        ["aucCi95Resamples"] = new JsonObject { ["usable"] = m.AucCi95.UsableResamples, ["drawn"] = m.AucCi95.Resamples },
        ["accuracy"] = Number(m.Accuracy),
        ["sensitivity"] = Number(m.Sensitivity),
        ["specificity"] = Number(m.Specificity),
        ["ppv"] = Number(m.Ppv),
        ["npv"] = Number(m.Npv),
        ["f1"] = Number(m.F1),
        ["majorityBaselineAccuracy"] = Number(m.MajorityBaselineAccuracy),
        ["confusion"] = new JsonObject
        {
            ["tp"] = m.Confusion.TruePositives,
            ["fp"] = m.Confusion.FalsePositives,
            ["tn"] = m.Confusion.TrueNegatives,
            ["fn"] = m.Confusion.FalseNegatives,
        },
        ["roc"] = new JsonArray(m.Roc.Select(p => (JsonNode)new JsonObject
        {
            ["fpr"] = Number(p.FalsePositiveRate),
            ["tpr"] = Number(p.TruePositiveRate),
            ["threshold"] = Number(p.Threshold), // null for the curve's opening point (threshold +infinity)
        }).ToArray()),
    };

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 6)) : null;
}
