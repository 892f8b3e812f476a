namespace Mammo.Evaluation;

/// <summary>Settings of <see cref="MassClassifier.Evaluate"/> and <see cref="MassClassifier.CrossValidate"/>.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Option</term><description>Default and meaning</description></listheader>
/// <item><term><see cref="BootstrapResamples"/></term><description>2000 resamples of patients for the AUC's 95% interval; 0 skips it</description></item>
/// <item><term><see cref="Seed"/></term><description>1: the bootstrap's seed</description></item>
/// <item><term><see cref="FeatureCacheDirectory"/></term><description>as <see cref="Training.MassClassifierOptions.FeatureCacheDirectory"/></description></item>
/// <item><term><see cref="SkipBadRois"/></term><description>false: an unreadable ROI stops the evaluation</description></item>
/// </list>
/// </remarks>
public sealed record EvaluationOptions
{
    /// <summary>Gets the number of patient bootstrap resamples. Default 2000.</summary>
    public int BootstrapResamples { get; init; } = 2000;

    /// <summary>Gets the bootstrap's seed. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Gets the feature-cache folder, or <see langword="null"/> for none.</summary>
    public string? FeatureCacheDirectory { get; init; } = Training.MassClassifierOptions.DefaultFeatureCacheDirectory;

    /// <summary>Gets a value indicating whether unreadable ROIs are skipped and reported instead of stopping the run. Default false.</summary>
    public bool SkipBadRois { get; init; }

    /// <summary>Gets the receiver of progress reports, if any.</summary>
    public IProgress<MassProgress>? Progress { get; init; }
}
