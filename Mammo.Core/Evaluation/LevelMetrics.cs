using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mammo.Evaluation;

/// <summary>Figures at one level (rows or lesions), as a clinical paper reports them.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Member</term><description>Meaning</description></listheader>
/// <item><term><see cref="Auc"/>, <see cref="AucCi95"/></term><description>area under the ROC curve, with a 95% interval from a bootstrap that resamples patients (rows of one patient are correlated)</description></item>
/// <item><term><see cref="Sensitivity"/>, <see cref="Specificity"/>, <see cref="Ppv"/>, <see cref="Npv"/>, <see cref="F1"/>, <see cref="Accuracy"/></term><description>at the model's stored threshold; NaN where undefined (no positives, say)</description></item>
/// <item><term><see cref="MajorityBaselineAccuracy"/></term><description>the accuracy of always predicting the training data's majority class (the evaluated set's own majority when that is not known): the figure accuracy must beat</description></item>
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
