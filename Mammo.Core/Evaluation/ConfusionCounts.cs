using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mammo.Evaluation;

/// <summary>The four counts of a confusion matrix (malignant is positive).</summary>
/// <param name="TruePositives">Malignant, called malignant.</param>
/// <param name="FalsePositives">Benign, called malignant.</param>
/// <param name="TrueNegatives">Benign, called benign.</param>
/// <param name="FalseNegatives">Malignant, called benign.</param>
public sealed record ConfusionCounts(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives);
