namespace Mammo.CrossValidation;

/// <summary>One repeat of a cross-validation: each row's fold, out-of-fold score, its fold model's threshold, and the pooled AUC.</summary>
internal sealed record RepeatRun(int[] FoldOf, double[] Scores, double[] Thresholds, bool[] MajorityMalignant, double Auc);
