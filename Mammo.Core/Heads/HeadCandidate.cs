namespace Mammo.Heads;

/// <summary>One setting the head search tries: today an L2 strength (feature recipes may join it).</summary>
/// <param name="Regularization">The L2 strength.</param>
internal sealed record HeadCandidate(double Regularization);
