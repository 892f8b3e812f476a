namespace Mammo.CrossValidation;

/// <summary>A held-out fold's scores (in the order of its rows), the threshold of the model that made them, and the majority class of its training rows.</summary>
internal sealed record ScoredFold(double[] Scores, double Threshold, bool MajorityMalignant = false);
