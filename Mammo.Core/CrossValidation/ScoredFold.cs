namespace Mammo.CrossValidation;

/// <summary>A held-out fold's scores (in the order of its rows) and the threshold of the model that made them.</summary>
internal sealed record ScoredFold(double[] Scores, double Threshold);
