namespace Mammo.Evaluation;

/// <summary>One point of a ROC curve: calling every score at or above <paramref name="Threshold"/> malignant.</summary>
/// <param name="FalsePositiveRate">1 - specificity.</param>
/// <param name="TruePositiveRate">Sensitivity.</param>
/// <param name="Threshold">The probability threshold.</param>
public sealed record RocPoint(double FalsePositiveRate, double TruePositiveRate, double Threshold);
