using Mammo.CrossValidation;
using Mammo.Features;
using Mammo.Heads;
using Mammo.Tests.Support;
using Mammo.Training;

namespace Mammo.Tests.Training;

/// <summary>
/// The training paths the other trainer tests leave alone: the one-split selection of a large training set; the all-row
/// fits after the search's choice (the validation curve, cancellation, a failing fit); which fitter the nested search
/// uses; and the majority class of an augmented run. Tiny inputs: every mutant of ClassifierTrainer runs these.
/// </summary>
public sealed class ClassifierTrainerPathTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static MassClassifierOptions Options => new() { Seed = 2, FeatureCacheDirectory = null, RegularizationGrid = [1] };

    private static bool[] Classes(int malignant, int benign) => [.. Enumerable.Repeat(true, malignant), .. Enumerable.Repeat(false, benign)];

    /// <summary>A choice among two recipes (all 5,120 values, or the pooled 512) at three L2 strengths, on generated bundles.</summary>
    private static (HeadChoice Choice, HeadData Data, float[][] Vectors) Chosen()
    {
        var data = GeneratedVectors.Make(40, 3, 1.0, dimensions: FeatureBundle.Length);
        var search = new NestedSearchOptions { Recipes = [FeatureRecipe.Raw, FeatureRecipe.Pooled], L2PerExample = [0.1, 1, 10] };
        var choice = NestedHeadSearch.Choose(data.Vectors, data.Labels, data.PatientIds, search, new KernelLogisticFitter(), 2);
        return (choice, data, choice.Candidate.Recipe.Apply(data.Vectors));
    }

    /// <summary>Fits as the exact fitter does, but fails when asked to fit every row (the all-row fits after the search).</summary>
    private sealed class FailingOnAllRows(int rows, Exception error) : IHeadFitter
    {
        public Func<IReadOnlyList<float[]>, double[]> Fit(IReadOnlyList<float[]> vectors, IReadOnlyList<bool> labels, double l2PerExample) =>
            vectors.Count == rows ? throw error : new KernelLogisticFitter().Fit(vectors, labels, l2PerExample);
    }

    [Fact]
    public void Cancellation_after_the_choice_stops_the_all_row_fits()
    {
        var (choice, data, vectors) = Chosen();
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ClassifierTrainer.AllRowFits(choice, vectors, data.Labels, new KernelLogisticFitter(), validationCurve: true, source.Token));
    }

    [Fact]
    public void A_failing_all_row_fit_reaches_the_caller_as_itself()
    {
        // The fit runs beside the ML.NET head and inside a parallel loop; the caller still gets the fitter's own exception.
        var data = GeneratedVectors.Make(24, 5, 1.0);
        var error = new InvalidOperationException("the fit diverged");
        var thrown = Assert.Throws<InvalidOperationException>(() => ClassifierTrainer.FitNested(
            data, Options, new BlockMeanBackbone(), new FailingOnAllRows(data.Vectors.Length, error), validationCurve: true, default));
        Assert.Same(error, thrown);
    }

    [Fact]
    public void The_validation_curve_holds_the_chosen_recipes_strengths_fitted_on_every_row_and_the_head_is_the_chosen_fit()
    {
        var (choice, data, vectors) = Chosen();
        var fitter = new KernelLogisticFitter();
        var (head, curve) = ClassifierTrainer.AllRowFits(choice, vectors, data.Labels, fitter, validationCurve: true, default);

        // Only the chosen recipe's three strengths: the other recipe's candidates are not on the curve.
        Assert.Equal([0.1, 1, 10], curve.Select(p => p.Regularization));
        foreach (var point in curve)
        {
            var inSample = Mammo.Evaluation.RocAnalysis.Auc(fitter.Fit(vectors, data.Labels, point.Regularization)(vectors), data.Labels);
            Assert.Equal(inSample, point.TrainingAuc);
            var heldOut = choice.Selection.Scores.Single(s => s.Candidate.Recipe == choice.Candidate.Recipe && s.Candidate.L2PerExample == point.Regularization);
            Assert.Equal(heldOut.Auc, point.ValidationAuc);
        }

        Assert.Equal(fitter.Fit(vectors, data.Labels, choice.Candidate.L2PerExample)(vectors), head.RawScorer(vectors));
        Assert.Equal(choice.Calibration, head.Calibration);
        Assert.Equal(choice.Threshold, head.Threshold);
        var (alone, noCurve) = ClassifierTrainer.AllRowFits(choice, vectors, data.Labels, fitter, validationCurve: false, default);
        Assert.Empty(noCurve);
        Assert.Equal(head.RawScorer(vectors), alone.RawScorer(vectors));
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
