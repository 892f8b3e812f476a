using Mammo.Training;

namespace Mammo.Heads;

/// <summary>What the head search chose: the final head, the winning setting, the curve and the threshold.</summary>
/// <param name="Scorer">The final head (refitted when asked), ready to score.</param>
/// <param name="Chosen">The winning setting.</param>
/// <param name="ValidationAuc">Its validation AUC.</param>
/// <param name="Curve">Every setting tried, by increasing regularisation.</param>
/// <param name="Threshold">The operating threshold chosen on validation.</param>
internal sealed record HeadSearchResult(HeadScorer Scorer, HeadCandidate Chosen, double ValidationAuc, IReadOnlyList<ValidationPoint> Curve, double Threshold);
