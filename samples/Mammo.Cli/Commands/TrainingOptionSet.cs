using System.CommandLine;
using Mammo.Training;

namespace Mammo.Cli.Commands;

/// <summary>The training options of <c>train</c> and <c>cv</c>, defined once.</summary>
internal sealed class TrainingOptionSet
{
    private readonly Option<int> seed = CliOptions.Seed(new MassClassifierOptions().Seed);
    private readonly Option<double> validationFraction = new("--validation-fraction") { Description = "Fraction of patients held out to choose settings and threshold.", DefaultValueFactory = _ => new MassClassifierOptions().ValidationFraction };
    private readonly Option<HeadTrainer> trainer = new("--trainer") { Description = "The head's ML.NET trainer.", DefaultValueFactory = _ => HeadTrainer.LbfgsLogisticRegression };
    private readonly Option<Augmentation> augment = new("--augment") { Description = "Training augmentation (None or Dihedral).", DefaultValueFactory = _ => Augmentation.None };
    private readonly Option<Augmentation> tta = new("--tta") { Description = "Test-time augmentation (None or Dihedral).", DefaultValueFactory = _ => Augmentation.None };
    private readonly Option<bool> balance = new("--balance-classes") { Description = "Weight examples so both classes count equally." };
    private readonly Option<ThresholdPolicy> policy = new("--threshold-policy") { Description = "YoudenJ or TargetSensitivity.", DefaultValueFactory = _ => ThresholdPolicy.YoudenJ };
    private readonly Option<double> sensitivity = new("--target-sensitivity") { Description = "Validation sensitivity for the TargetSensitivity policy.", DefaultValueFactory = _ => 0.9 };
    private readonly Option<string?> cache = CliOptions.Cache();
    private readonly Option<bool> skipBad = CliOptions.SkipBad();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { seed, validationFraction, trainer, augment, tta, balance, policy, sensitivity, cache, skipBad })
        {
            command.Options.Add(option);
        }
    }

    public MassClassifierOptions Read(ParseResult parse, IProgress<MassProgress>? progress) => new()
    {
        Seed = parse.GetValue(seed),
        ValidationFraction = parse.GetValue(validationFraction),
        Trainer = parse.GetValue(trainer),
        TrainingAugmentation = parse.GetValue(augment),
        TestTimeAugmentation = parse.GetValue(tta),
        BalanceClasses = parse.GetValue(balance),
        ThresholdPolicy = parse.GetValue(policy),
        TargetSensitivity = parse.GetValue(sensitivity),
        FeatureCacheDirectory = CliOptions.CacheDirectory(parse.GetValue(cache)),
        SkipBadRois = parse.GetValue(skipBad),
        Progress = progress,
    };
}
