using System.CommandLine;
using Mammo.Training;

namespace Mammo.Cli.Commands;

/// <summary>The training options of <c>train</c> and <c>cv</c>, defined once, with the library's defaults.</summary>
internal sealed class TrainingOptionSet
{
    private static readonly MassClassifierOptions Defaults = new();
    private readonly Option<int> seed = CliOptions.Seed(Defaults.Seed);
    private readonly Option<double> validationFraction = new("--validation-fraction") { Description = "Fraction of patients held out to choose settings and threshold.", DefaultValueFactory = _ => Defaults.ValidationFraction };
    private readonly Option<HeadTrainer> trainer = new("--trainer") { Description = "The head's ML.NET trainer.", DefaultValueFactory = _ => Defaults.Trainer };
    private readonly Option<double[]> grid = new("--l2")
    {
        Description = "L2 strengths the validation split chooses from.",
        DefaultValueFactory = _ => [.. Defaults.RegularizationGrid],
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<Augmentation> augment = new("--augment") { Description = "Training augmentation (None or Dihedral).", DefaultValueFactory = _ => Defaults.TrainingAugmentation };
    private readonly Option<Augmentation> tta = new("--tta") { Description = "Test-time augmentation (None or Dihedral).", DefaultValueFactory = _ => Defaults.TestTimeAugmentation };
    private readonly Option<bool> balance = new("--balance-classes") { Description = "Weight examples so both classes count equally." };
    private readonly Option<ThresholdPolicy> policy = new("--threshold-policy") { Description = "YoudenJ or TargetSensitivity.", DefaultValueFactory = _ => Defaults.ThresholdPolicy };
    private readonly Option<double> sensitivity = new("--target-sensitivity") { Description = "Validation sensitivity for the TargetSensitivity policy.", DefaultValueFactory = _ => Defaults.TargetSensitivity };
    private readonly Option<bool> noRefit = new("--no-refit") { Description = "Keep the head fitted on the training part (default: refit on training plus validation rows)." };
    private readonly CliOptions.Caching cache = new();
    private readonly Option<bool> skipBad = CliOptions.SkipBad();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { seed, validationFraction, trainer, grid, augment, tta, balance, policy, sensitivity, noRefit, skipBad })
        {
            command.Options.Add(option);
        }

        cache.AddTo(command);
    }

    public MassClassifierOptions Read(ParseResult parse, IProgress<MassProgress>? progress) => Defaults with
    {
        Seed = parse.GetValue(seed),
        ValidationFraction = parse.GetValue(validationFraction),
        Trainer = parse.GetValue(trainer),
        RegularizationGrid = parse.GetValue(grid)!,
        TrainingAugmentation = parse.GetValue(augment),
        TestTimeAugmentation = parse.GetValue(tta),
        BalanceClasses = parse.GetValue(balance),
        ThresholdPolicy = parse.GetValue(policy),
        TargetSensitivity = parse.GetValue(sensitivity),
        RefitOnAllTrainingData = !parse.GetValue(noRefit),
        FeatureCacheDirectory = cache.Read(parse),
        SkipBadRois = parse.GetValue(skipBad),
        Progress = progress,
    };
}
