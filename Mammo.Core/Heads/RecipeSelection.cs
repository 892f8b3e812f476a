namespace Mammo.Heads;

/// <summary>What <see cref="InnerCrossValidation.Select"/> found: each candidate's out-of-fold AUC, the winner and its out-of-fold scores.</summary>
internal sealed record RecipeSelection(RecipeCandidate Best, double BestAuc, IReadOnlyList<(RecipeCandidate Candidate, double Auc)> Scores, double[] OutOfFoldScores, int Folds);
