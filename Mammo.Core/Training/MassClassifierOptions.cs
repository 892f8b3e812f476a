using Mammo.Rois;
using Microsoft.Extensions.Logging;

namespace Mammo.Training;

/// <summary>Settings of <see cref="MassClassifier.Train"/>.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Option</term><description>Default and meaning</description></listheader>
/// <item><term><see cref="Seed"/></term><description>1: the validation split and ML.NET's context; the same seed gives the same model</description></item>
/// <item><term><see cref="ValidationFraction"/></term><description>0.2 of the patients (per class) are held out to choose the head's settings and threshold</description></item>
/// <item><term><see cref="Trainer"/></term><description><see cref="HeadTrainer.LbfgsLogisticRegression"/></description></item>
/// <item><term><see cref="RegularizationGrid"/></term><description>0.1, 1, 10: L2 strengths per example (the objective mean loss + c/2 |w|^2 on
/// standardised features), scaled to each trainer's convention (ML.NET's L-BFGS sums its loss, so it gets c x rows, also when refitting on more rows);
/// on MIAS the three gave nested AUCs within 0.01 of each other</description></item>
/// <item><term><see cref="FeatureRecipes"/></term><description><c>s34-lesion-ring-sqrt-l2</c> (stage-3 and stage-4 maps, mean and max inside the lesion and in a ring
/// around its border, signed square root and L2 per block): the feature recipes the head search may choose (see the README's
/// MIAS table; a longer list costs AUC on small data, because choosing among many is itself noisy)</description></item>
/// <item><term><see cref="BalanceClasses"/></term><description>false: weight examples so both classes count equally</description></item>
/// <item><term><see cref="TrainingAugmentation"/>, <see cref="TestTimeAugmentation"/></term><description><see cref="Augmentation.None"/>. Measured on the validation
/// split: on real mammography ROIs dihedral augmentation lowered the AUC (about 0.70 to 0.62; frozen ImageNet features are orientation-sensitive); on the
/// synthetic data (600 lesions, seed 1) validation AUC went 0.876 (none), 0.888 (training), 0.882 (test-time), 0.891 (both), a gain inside the split's
/// own noise (95% interval about ±0.05) bought with 8 times the featurisation. Both stay available to measure on your data</description></item>
/// <item><term><see cref="ThresholdPolicy"/></term><description><see cref="Training.ThresholdPolicy.YoudenJ"/>; <see cref="TargetSensitivity"/> 0.9 for the other policy</description></item>
/// <item><term><see cref="RefitOnAllTrainingData"/></term><description>true: once settings are chosen, the head is fitted again on training plus validation rows</description></item>
/// <item><term><see cref="FeatureCacheDirectory"/></term><description>the user's local application data folder, <c>Mammo/feature-cache</c>; <see langword="null"/> disables the cache</description></item>
/// <item><term><see cref="SkipBadRois"/></term><description>false: an unreadable ROI stops the run; true skips it and reports it</description></item>
/// </list>
/// The test set is never used here: it is for <see cref="MassClassifier.Evaluate"/> only.
/// </remarks>
public sealed record MassClassifierOptions
{
    /// <summary>Gets the seed of every random choice. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Gets the fraction of patients held out for validation. Default 0.2.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Gets the head's trainer. Default <see cref="HeadTrainer.LbfgsLogisticRegression"/>.</summary>
    public HeadTrainer Trainer { get; init; } = HeadTrainer.LbfgsLogisticRegression;

    /// <summary>Gets the L2 strengths per example the head search tries. Default 0.1, 1, 10.</summary>
    public IReadOnlyList<double> RegularizationGrid { get; init; } = [0.1, 1, 10];

    /// <summary>Gets the feature recipes the head search chooses among, by name. Default <c>s34-lesion-ring-sqrt-l2</c>.</summary>
    /// <remarks>Known: pooled, pooled-sqrt-l2, s34-lesion-ring-sqrt-l2, s34-lesion-ring-crop-sqrt-l2, s4-lesion-ring-sqrt-l2,
    /// s3-lesion-ring-sqrt-l2, s3-lesion-sqrt-l2, s3-lesion-ring-crop-sqrt-l2, pooled-s3-lesion-ring-sqrt-l2.</remarks>
    public IReadOnlyList<string> FeatureRecipes { get; init; } = [Features.FeatureRecipe.Default.Name];

    /// <summary>
    /// Gets a value indicating whether examples are weighted so both classes count equally. Default false. Not with
    /// <see cref="HeadTrainer.LinearSvm"/>, which reads no example weights (refused).
    /// </summary>
    public bool BalanceClasses { get; init; }

    /// <summary>Gets the augmentation of training ROIs. Default <see cref="Augmentation.None"/>.</summary>
    public Augmentation TrainingAugmentation { get; init; } = Augmentation.None;

    /// <summary>Gets the test-time augmentation: predictions averaged over the transforms. Default <see cref="Augmentation.None"/>.</summary>
    public Augmentation TestTimeAugmentation { get; init; } = Augmentation.None;

    /// <summary>Gets how the operating threshold is chosen. Default <see cref="Training.ThresholdPolicy.YoudenJ"/>.</summary>
    public ThresholdPolicy ThresholdPolicy { get; init; } = ThresholdPolicy.YoudenJ;

    /// <summary>Gets the validation sensitivity to reach under <see cref="Training.ThresholdPolicy.TargetSensitivity"/>. Default 0.9.</summary>
    public double TargetSensitivity { get; init; } = 0.9;

    /// <summary>Gets a value indicating whether the head is fitted again on training plus validation rows once its settings are chosen. Default true.</summary>
    public bool RefitOnAllTrainingData { get; init; } = true;

    /// <summary>Gets the folder of the on-disk feature cache, or <see langword="null"/> for none.</summary>
    public string? FeatureCacheDirectory { get; init; } = DefaultFeatureCacheDirectory;

    /// <summary>Gets a value indicating whether unreadable ROIs are skipped (and reported) instead of stopping the run. Default false.</summary>
    public bool SkipBadRois { get; init; }

    /// <summary>Gets the receiver of progress reports, if any.</summary>
    public IProgress<MassProgress>? Progress { get; init; }

    /// <summary>Gets the logger, if any. Mammo never writes to the console itself.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>Gets the default feature-cache folder: <c>Mammo/feature-cache</c> in the user's local application data.</summary>
    public static string DefaultFeatureCacheDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "Mammo", "feature-cache");

    internal void Validate()
    {
        if (!(ValidationFraction > 0 && ValidationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "Must lie strictly between 0 and 1.");
        }

        if (FeatureRecipes.Count == 0)
        {
            throw new ArgumentException("At least one feature recipe is needed.", nameof(FeatureRecipes));
        }

        foreach (var name in FeatureRecipes)
        {
            _ = Features.FeatureRecipe.Named(name);
        }

        if (RegularizationGrid.Count == 0 || RegularizationGrid.Any(r => !(r >= 0) || double.IsInfinity(r)))
        {
            throw new ArgumentException("The regularisation grid needs at least one finite, non-negative value.", nameof(RegularizationGrid));
        }

        if (!(TargetSensitivity > 0 && TargetSensitivity <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(TargetSensitivity), TargetSensitivity, "Must lie in (0, 1].");
        }

        if (BalanceClasses && Trainer == HeadTrainer.LinearSvm)
        {
            // Refused rather than ignored: ML.NET's linear SVM reads no example weights (measured: balanced and unbalanced
            // weights give one model), so the balancing asked for would silently not happen.
            throw new ArgumentException(
                "Class balancing needs a trainer that reads example weights (L-BFGS or SDCA logistic regression); ML.NET's linear SVM ignores them.",
                nameof(BalanceClasses));
        }
    }
}
