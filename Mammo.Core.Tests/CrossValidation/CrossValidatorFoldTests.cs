using Mammo.CrossValidation;
using Mammo.Data;
using Mammo.Evaluation;
using Mammo.Featurization;
using Mammo.Tests.Support;
using Mammo.Training;

namespace Mammo.Tests.CrossValidation;

/// <summary>
/// Cross-validation on eight or nine patients' 40 x 40 ROIs through the cheap test backbone (one ROI each): the fold loop
/// against the same steps taken by hand, its progress and refusals, and the nested path's description, progress,
/// skipped rows and majority baseline.
/// </summary>
public sealed class CrossValidatorFoldTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static MassClassifierOptions Options => new() { Seed = 2, FeatureCacheDirectory = null, RegularizationGrid = [0.1, 1], ValidationFraction = 0.5 };

    private static EvaluationOptions NoBootstrap => new() { BootstrapResamples = 0 };

    private (MassDataset Dataset, FeaturizedSet<MassCase> Set, Dictionary<string, int> FoldOf) EightPatients()
    {
        // Patients 1-4 malignant, 5-8 benign; odd patients in fold 0, even in fold 1 (two of each class per fold).
        var dataset = TinyMassDataset.Write(directory, [true, true, true, true, false, false, false, false]);
        var set = FeatureSource.Create(new BlockMeanBackbone(), dataset.RoiOptions, null).Featurize(dataset.Cases, c => c.RoiPath, [0], false, null, default);
        var foldOf = dataset.Cases.ToDictionary(c => c.Record.PatientId, c => (int.Parse(c.Record.PatientId[2..]) + 1) % 2);
        return (dataset, set, foldOf);
    }

    [Fact]
    public void Each_fold_trains_on_the_other_folds_minus_its_validation_patients_and_scores_its_own()
    {
        var (dataset, set, foldOf) = EightPatients();
        var reports = new ProgressLog();
        var evaluation = CrossValidator.Run("eight", dataset.Cases, set, foldOf, 2, Options with { Progress = reports }, NoBootstrap, [], default);

        // The same steps by hand: the validation split of each fold's training part, the search, the held-out scores.
        var expected = new Dictionary<string, double>();
        var thresholds = new List<double>();
        for (var fold = 0; fold < 2; fold++)
        {
            var name = $"eight (fold {fold + 1} training part)";
            var (_, validationRows) = PatientSplitter.Split(name, [.. dataset.Cases.Where(c => foldOf[c.Record.PatientId] != fold)], 0.5, 2);
            var validation = validationRows.Select(c => c.Record.PatientId).ToHashSet();
            var search = ClassifierTrainer.Fit(
                name, set.Where(c => foldOf[c.Record.PatientId] != fold && !validation.Contains(c.Record.PatientId)), set.Where(c => validation.Contains(c.Record.PatientId)), Options, default);
            foreach (var c in search.Scorer.ScoreCases(set.Where(c => foldOf[c.Record.PatientId] == fold), [0]))
            {
                expected[c.CaseKey] = c.Probability;
            }

            thresholds.Add(search.Threshold);
        }

        Assert.Equal(expected.OrderBy(p => p.Key), evaluation.Cases.ToDictionary(c => c.CaseKey, c => c.Probability).OrderBy(p => p.Key));
        Assert.Equal(thresholds.Average(), evaluation.Threshold, 12);
        Assert.Equal("eight (2-fold cross-validation)", evaluation.Dataset);
        Assert.Equal(
            [new MassProgress("fold 1/2", 0, 2), new MassProgress("fold 2/2", 1, 2), new MassProgress("fold 2/2", 2, 2)],
            reports.Seen.Where(r => r.Stage.StartsWith("fold ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_cancelled_run_stops_before_its_first_fold()
    {
        var (dataset, set, foldOf) = EightPatients();
        var reports = new ProgressLog();
        Assert.ThrowsAny<OperationCanceledException>(
            () => CrossValidator.Run("eight", dataset.Cases, set, foldOf, 2, Options with { Progress = reports }, NoBootstrap, [], new CancellationToken(canceled: true)));
        Assert.Empty(reports.Seen);
    }

    [Fact]
    public void A_fold_whose_training_part_has_one_class_is_refused_naming_the_fold()
    {
        // Every malignant patient in fold 0: fold 1's training part (fold 0's complement) is all benign.
        var (dataset, set, _) = EightPatients();
        var foldOf = dataset.Cases.ToDictionary(c => c.Record.PatientId, c => c.Record.IsMalignant ? 0 : 1);
        var e = Assert.Throws<DatasetException>(() => CrossValidator.Run("eight", dataset.Cases, set, foldOf, 2, Options, NoBootstrap, [], default));
        Assert.Equal("eight (fold 1 training part): the fold's training part has only one class; training needs both classes", e.Message);
    }

    [Fact]
    public void Nested_cross_validation_reports_each_fold_its_skipped_rows_and_the_training_majority_baseline()
    {
        // Six malignant, three benign, a tenth patient unreadable. Three folds: each training part holds four malignant and
        // two benign patients, so each fold's model has a malignant majority and the baseline calls every row malignant.
        var dataset = TinyMassDataset.Write(directory, [true, true, true, true, true, true, false, false, false, false], unreadable: [10]);
        var reports = new ProgressLog();
        var evaluation = CrossValidator.Run(dataset, 3, 1, Options with { SkipBadRois = true, Progress = reports }, NoBootstrap, new BlockMeanBackbone(), default);
        Assert.Equal($"{dataset.Name} (3-fold nested cross-validation)", evaluation.Dataset);
        Assert.Equal([dataset.Cases[9].Record.CaseKey], evaluation.Skipped.Select(s => s.CaseKey));
        Assert.Equal(6.0 / 9, evaluation.Rows.MajorityBaselineAccuracy, 12);
        Assert.Equal(
            [new MassProgress("repeat 1/1, fold 1/3", 1, 3), new MassProgress("repeat 1/1, fold 2/3", 2, 3), new MassProgress("repeat 1/1, fold 3/3", 3, 3)],
            reports.Seen.Where(r => r.Stage.StartsWith("repeat ", StringComparison.Ordinal)).OrderBy(r => r.Done));
    }

#if !MUTATION_RUN
    // Not in the mutation build: two augmented cross-validations (128 preprocessed tensors) took 2.2 s there, run for each
    // of the hundreds of mutants it reaches, for the one seed expression it pins; the main suite runs it.
    [Fact]
    public void Augmented_repeat_r_draws_its_folds_and_splits_with_the_seed_plus_r()
    {
        // The second repeat from seed 2 is the first from seed 3. Test-time augmentation keeps the single-split path. Three
        // masses have a contrast between the classes', so draws of folds rank the rows differently: seeds 1, 2 and 3 give
        // AUCs 0.8125, 0.8125 and 0.625.
        var dataset = TinyMassDataset.Write(directory, [true, true, true, true, false, false, false, false], midway: [1, 5, 6]);
        var options = Options with { TestTimeAugmentation = Augmentation.Dihedral, RegularizationGrid = [1] };
        var two = CrossValidator.Run(dataset, 2, 2, options, NoBootstrap, new BlockMeanBackbone(), default);
        var three = CrossValidator.Run(dataset, 2, 1, options with { Seed = 3 }, NoBootstrap, new BlockMeanBackbone(), default);
        Assert.Equal(three.RepeatAucs[0], two.RepeatAucs[1]);
        Assert.NotEqual(two.RepeatAucs[0], two.RepeatAucs[1]);
    }
#endif
}
