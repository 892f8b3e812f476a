using Mammo.Training;

namespace Mammo.Heads;

/// <summary>The head search's settings, taken from <see cref="MassClassifierOptions"/>.</summary>
internal sealed record HeadSearchSettings(
    HeadTrainer Trainer, bool BalanceClasses, ThresholdPolicy ThresholdPolicy, double TargetSensitivity, bool Refit, int Seed)
{
    public static HeadSearchSettings From(MassClassifierOptions options) => new(
        options.Trainer, options.BalanceClasses, options.ThresholdPolicy, options.TargetSensitivity, options.RefitOnAllTrainingData, options.Seed);
}
