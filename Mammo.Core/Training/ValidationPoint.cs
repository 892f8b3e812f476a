namespace Mammo.Training;

/// <summary>One point of the validation curve: a regularisation strength and the AUCs it gave.</summary>
/// <param name="Regularization">The L2 strength.</param>
/// <param name="TrainingAuc">The AUC on the training part.</param>
/// <param name="ValidationAuc">The AUC on the validation part: what chose the setting.</param>
public sealed record ValidationPoint(double Regularization, double TrainingAuc, double ValidationAuc);
