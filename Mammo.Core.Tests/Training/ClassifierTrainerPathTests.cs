using Mammo.CrossValidation;
using Mammo.Features;
using Mammo.Heads;
using Mammo.Tests.Support;
using Mammo.Training;
using Microsoft.Extensions.Logging;

namespace Mammo.Tests.Training;

/// <summary>
/// The training paths the other trainer tests leave alone: the one-split selection of a large training set, cancellation
/// between the search and the validation curve, which fitter the nested search uses, and the majority class of an
/// augmented run. Tiny inputs: every mutant of ClassifierTrainer runs these.
/// </summary>
public sealed class ClassifierTrainerPathTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static MassClassifierOptions Options => new() { Seed = 2, FeatureCacheDirectory = null, RegularizationGrid = [1] };

    private static bool[] Classes(int malignant, int benign) => [.. Enumerable.Repeat(true, malignant), .. Enumerable.Repeat(false, benign)];

    /// <summary>Cancels a source when a line containing a phrase is logged.</summary>
    private sealed class CancellingLogger(CancellationTokenSource source, string phrase) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).Contains(phrase, StringComparison.Ordinal))
            {
                source.Cancel();
            }
        }
    }

    [Fact]
    public void Cancellation_after_the_search_stops_the_validation_curve()
    {
        // The held-out AUCs are logged after the search and before the curve: the curve's loop is the next to see the token.
        var dataset = TinyMassDataset.Write(directory, Classes(3, 3));
        using var source = new CancellationTokenSource();
        var options = Options with { Logger = new CancellingLogger(source, "held-out AUC") };
        Assert.ThrowsAny<OperationCanceledException>(() => ClassifierTrainer.Train(dataset, options, new BlockMeanBackbone(), source.Token));
        Assert.True(source.IsCancellationRequested);
    }

    [Fact]
    public void Augmented_training_records_a_malignant_majority()
    {
        // Five of eight malignant; test-time augmentation only, no refit: the validation part alone goes through 8 transforms.
        var dataset = TinyMassDataset.Write(directory, Classes(5, 3));
        var options = Options with { TestTimeAugmentation = Augmentation.Dihedral, RefitOnAllTrainingData = false, ValidationFraction = 0.5 };
        var (_, manifest) = ClassifierTrainer.Train(dataset, options, new BlockMeanBackbone(), default);
        Assert.Equal((bool?)true, manifest.TrainingMajorityMalignant);
    }

    [Theory]
    [InlineData(false, false)] // L-BFGS without class weights: the exact fitter
    [InlineData(true, true)] // with class weights: the ML.NET trainer itself
    public void The_nested_search_fits_with_the_exact_fitter_only_for_unbalanced_lbfgs(bool balance, bool mlNet)
    {
        // The calibration is fitted on the search's held-out scores, so it tells the two fitters apart (they agree to about
        // 0.002 in probability, not exactly).
        var data = GeneratedVectors.Make(24, 5, 1.0);
        var options = Options with { BalanceClasses = balance };
        var (_, head) = ClassifierTrainer.FitNested(data, options, new BlockMeanBackbone(), default);
        PlattScaling Calibration(IHeadFitter fitter) => NestedHeadSearch.Train(
            data.Vectors, data.Labels, data.PatientIds, new NestedSearchOptions { Recipes = [FeatureRecipe.Raw], L2PerExample = [1] }, fitter, 2).Calibration;
        var exact = Calibration(new KernelLogisticFitter());
        var trainer = Calibration(new MlNetHeadFitter(HeadTrainer.LbfgsLogisticRegression, balance, 2));
        var (expected, other) = mlNet ? (trainer, exact) : (exact, trainer);
        Assert.Equal(expected.A, head.Calibration.A, 1e-9);
        Assert.Equal(expected.B, head.Calibration.B, 1e-9);
        Assert.True(Math.Abs(other.A - head.Calibration.A) + Math.Abs(other.B - head.Calibration.B) > 1e-6, $"{other} vs {head.Calibration}");
    }

#if !MUTATION_RUN
    // Main suite only: 300 ROIs through the whole trainer would be seconds in a mutation build, for every mutant of the
    // featurisation path it reaches; it kills the one-split path's mutants in ClassifierTrainer (lines of the selection
    // text and the validation counts), which the mutation run therefore reports as survivors.
    [Fact]
    public void Nested_training_on_a_large_set_chooses_by_one_split_and_records_its_rows()
    {
        // From 300 patients one patient-grouped split replaces the inner cross-validation: a quarter of the patients here.
        var count = NestedSearchOptions.DefaultInnerCrossValidationPatientLimit;
        var dataset = TinyMassDataset.Write(directory, [.. Enumerable.Range(0, count).Select(p => p % 2 == 0)]);
        var (_, manifest) = ClassifierTrainer.Train(dataset, Options with { ValidationFraction = 0.25 }, new BlockMeanBackbone(), default);
        var summary = manifest.Training;
        Assert.Equal($"one patient-grouped validation split of {0.25:P0} of the patients", summary.Selection);
        var held = GroupedFolds.Assign([.. dataset.Records.Select(r => r.PatientId)], [.. dataset.Records.Select(r => r.IsMalignant)], 4, 2).Count(f => f == 0);
        Assert.Equal((count, count, held, 0), (summary.TrainingRows, summary.TrainingPatients, summary.ValidationRows, summary.ValidationPatients));
    }
#endif
}
