namespace Mammo.Training;

/// <summary>What <see cref="InnerCrossValidation.Select"/> found: each candidate's out-of-fold AUC, the winner and its out-of-fold scores.</summary>
internal sealed record HeadSelection(HeadCandidate Best, double BestAuc, IReadOnlyList<(HeadCandidate Candidate, double Auc)> Scores, double[] OutOfFoldScores, int Folds);
