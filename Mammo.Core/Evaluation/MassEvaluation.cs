using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mammo.Evaluation;

/// <summary>The four counts of a confusion matrix (malignant is positive).</summary>
/// <param name="TruePositives">Malignant, called malignant.</param>
/// <param name="FalsePositives">Benign, called malignant.</param>
/// <param name="TrueNegatives">Benign, called benign.</param>
/// <param name="FalseNegatives">Malignant, called benign.</param>
public sealed record ConfusionCounts(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives);

/// <summary>A 95% confidence interval.</summary>
/// <param name="Lower">The 2.5th percentile.</param>
/// <param name="Upper">The 97.5th percentile.</param>
public sealed record ConfidenceInterval(double Lower, double Upper);

/// <summary>One scored row.</summary>
/// <param name="CaseKey">The row's case key.</param>
/// <param name="PatientId">Its patient.</param>
/// <param name="LesionKey">Its lesion (patient, side, abnormality id).</param>
/// <param name="IsMalignant">The truth.</param>
/// <param name="Probability">The model's malignancy probability.</param>
public sealed record ScoredCase(string CaseKey, string PatientId, string LesionKey, bool IsMalignant, double Probability);

/// <summary>Figures at one level (rows or lesions), as a clinical paper reports them.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Member</term><description>Meaning</description></listheader>
/// <item><term><see cref="Auc"/>, <see cref="AucCi95"/></term><description>area under the ROC curve, with a 95% interval from a bootstrap that resamples patients (rows of one patient are correlated)</description></item>
/// <item><term><see cref="Sensitivity"/>, <see cref="Specificity"/>, <see cref="Ppv"/>, <see cref="Npv"/>, <see cref="F1"/>, <see cref="Accuracy"/></term><description>at the model's stored threshold; NaN where undefined (no positives, say)</description></item>
/// <item><term><see cref="MajorityBaselineAccuracy"/></term><description>the accuracy of always predicting the majority class: the figure accuracy must beat</description></item>
/// </list>
/// </remarks>
public sealed record LevelMetrics
{
    /// <summary>Gets the number of items (rows or lesions).</summary>
    public required int Count { get; init; }

    /// <summary>Gets the number of malignant items.</summary>
    public required int Positives { get; init; }

    /// <summary>Gets the ROC AUC.</summary>
    public required double Auc { get; init; }

    /// <summary>Gets the 95% confidence interval of the AUC (patient bootstrap).</summary>
    public required ConfidenceInterval AucCi95 { get; init; }

    /// <summary>Gets the accuracy at the threshold.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Gets the sensitivity (true-positive rate) at the threshold.</summary>
    public required double Sensitivity { get; init; }

    /// <summary>Gets the specificity (true-negative rate) at the threshold.</summary>
    public required double Specificity { get; init; }

    /// <summary>Gets the positive predictive value at the threshold.</summary>
    public required double Ppv { get; init; }

    /// <summary>Gets the negative predictive value at the threshold.</summary>
    public required double Npv { get; init; }

    /// <summary>Gets the F1 score at the threshold.</summary>
    public required double F1 { get; init; }

    /// <summary>Gets the confusion matrix at the threshold.</summary>
    public required ConfusionCounts Confusion { get; init; }

    /// <summary>Gets the accuracy of always predicting the majority class.</summary>
    public required double MajorityBaselineAccuracy { get; init; }

    /// <summary>Gets the ROC curve's points.</summary>
    public required IReadOnlyList<RocPoint> Roc { get; init; }
}

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

    /// <summary>Gets the rows left out (missing or unreadable ROI), with the reason.</summary>
    public IReadOnlyList<Data.SkippedRow> Skipped { get; init; } = [];

    /// <summary>
    /// Writes the evaluation as JSON: <c>auc</c>, <c>aucCi95</c> [lower, upper], <c>accuracy</c>, <c>sensitivity</c>,
    /// <c>specificity</c>, <c>ppv</c>, <c>npv</c>, <c>f1</c>, <c>majorityBaselineAccuracy</c>, <c>count</c>, <c>positives</c>,
    /// <c>threshold</c>, <c>confusion</c> {<c>tp</c>, <c>fp</c>, <c>tn</c>, <c>fn</c>}, <c>lesionAuc</c>, <c>lesion</c> {the same
    /// figures}, <c>roc</c> [{<c>fpr</c>, <c>tpr</c>, <c>threshold</c>}], <c>skipped</c>. Undefined figures are <c>null</c>.
    /// </summary>
    /// <returns>The JSON object.</returns>
    public JsonObject ToJson()
    {
        var json = Level(Rows);
        json["dataset"] = Dataset;
        json["threshold"] = Number(Threshold);
        json["lesionAuc"] = Number(Lesions.Auc);
        json["lesion"] = Level(Lesions);
        json["skipped"] = new JsonArray(Skipped.Select(s => (JsonNode)new JsonObject { ["caseKey"] = s.CaseKey, ["reason"] = s.Reason }).ToArray());
        return json;
    }

    /// <summary>Writes <see cref="ToJson"/> to a string, indented.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJsonString() => ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static JsonObject Level(LevelMetrics m) => new()
    {
        ["count"] = m.Count,
        ["positives"] = m.Positives,
        ["auc"] = Number(m.Auc),
        ["aucCi95"] = new JsonArray(Number(m.AucCi95.Lower), Number(m.AucCi95.Upper)),
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
            ["threshold"] = double.IsFinite(p.Threshold) ? Number(p.Threshold) : null,
        }).ToArray()),
    };

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 6)) : null;
}
