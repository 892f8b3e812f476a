using Mammo.Backbone;
using Mammo.Data;
using Mammo.Evaluation;
using Mammo.Featurization;
using Mammo.Training;

namespace Mammo.CrossValidation;

/// <summary>
/// Patient-grouped, label-stratified k-fold cross-validation over a dataset featurised once: every ROI goes through the
/// network once (under every transform any fold needs), and the folds, their inner validation splits, the head searches
/// and the out-of-fold scoring all work on those vectors.
/// </summary>
internal static class CrossValidator
{
    /// <summary>Featurises the dataset once and cross-validates on its vectors.</summary>
    /// <remarks>The feature cache and the handling of unusable ROIs follow the training options (every row is trained on in some fold).</remarks>
    public static MassEvaluation Run(
        MassDataset dataset, int folds, int repeats, MassClassifierOptions options, EvaluationOptions evaluationOptions, IFeatureBackbone backbone,
        CancellationToken cancellationToken)
    {
        options.Validate();
        ClassifierTrainer.CheckTrainable(dataset);
        if (ClassifierTrainer.IsNested(options))
        {
            return RunNested(dataset, folds, repeats, options, evaluationOptions, backbone, cancellationToken);
        }

        // Augmented (or test-time augmented) training keeps the single-split path. Every ROI is featurised once, under
        // every transform any fold needs; each repeat then draws its folds and validation splits with the seed + repeat.
        // Folds are assigned over every row before any ROI is read, so an unusable ROI cannot shift another row's fold.
        var assignments = Enumerable.Range(0, repeats).Select(r => PatientSplitter.Folds(dataset.Name, dataset.Cases, folds, options.Seed + r)).ToList();
        var transforms = FeatureSource.Transforms(options.TrainingAugmentation).Union(FeatureSource.Transforms(options.TestTimeAugmentation)).Order().ToArray();
        var source = FeatureSource.Create(backbone, dataset.RoiOptions, options.FeatureCacheDirectory);
        var set = source.Featurize(dataset.Cases, i => i.RoiPath, transforms, options.SkipBadRois, options.Progress, cancellationToken);
        var skipped = new List<SkippedRow>(dataset.Skipped);
        skipped.AddRange(ClassifierTrainer.Failures(set));
        var runs = assignments.Select((assignment, r) =>
        {
            var foldOfPatient = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < dataset.Cases.Count; i++)
            {
                foldOfPatient[dataset.Cases[i].Record.PatientId] = assignment[i];
            }

            return Run(dataset.Name, dataset.Cases, set, foldOfPatient, folds, options with { Seed = options.Seed + r }, evaluationOptions, skipped, cancellationToken);
        }).ToList();
        return WithRepeats(runs[0] with { Dataset = Describe(dataset.Name, folds, nested: false, repeats) }, [.. runs.Select(e => e.Rows.Auc)]);
    }

    /// <summary>
    /// Repeated, nested cross-validation: the dataset is featurised once (feature bundles); each repeat draws new
    /// patient-grouped, label-stratified folds (seed + repeat), and on each fold's training rows the whole training
    /// procedure runs (recipe and L2 chosen by inner cross-validation, calibration and threshold on its held-out scores)
    /// and scores the fold. The figures are the first repeat's pooled out-of-fold ones, with the mean and standard
    /// deviation of every repeat's AUC.
    /// </summary>
    private static MassEvaluation RunNested(
        MassDataset dataset, int folds, int repeats, MassClassifierOptions options, EvaluationOptions evaluationOptions, IFeatureBackbone backbone,
        CancellationToken cancellationToken)
    {
        var source = FeatureSource.Create(backbone, dataset.RoiOptions, options.FeatureCacheDirectory);
        var set = source.Featurize(dataset.Cases, i => i.RoiPath, [0], options.SkipBadRois, options.Progress, cancellationToken);
        var skipped = new List<SkippedRow>(dataset.Skipped);
        skipped.AddRange(ClassifierTrainer.Failures(set));
        var data = Heads.HeadData.From(set, [0]);
        var quiet = options with { Progress = null, Logger = null };
        var result = RepeatedCrossValidation.Run(
            data.Labels, data.PatientIds, folds, repeats, options.Seed, (train, test, seed) =>
            {
                var part = new Heads.HeadData([.. train.Select(i => data.Vectors[i])], [.. train.Select(i => data.Labels[i])], [.. train.Select(i => data.PatientIds[i])], 1);
                var (scorer, head) = ClassifierTrainer.FitNested(part, quiet with { Seed = seed }, backbone, cancellationToken);
                return new ScoredFold(scorer.Score([.. test.Select(i => data.Vectors[i])]), head.Threshold, 2 * part.Labels.Count(l => l) > part.Labels.Length);
            },
            (r, f) => options.Progress?.Report(new MassProgress($"repeat {r + 1}/{repeats}, fold {f + 1}/{folds}", (r * folds) + f + 1, repeats * folds)),
            cancellationToken);
        var first = result.Repeats[0];
        var cases = set.Cases.Select((c, i) => new ScoredCase(c.Record.CaseKey, c.Record.PatientId, c.Record.LesionKey, c.Record.IsMalignant, first.Scores[i])).ToList();
        var thresholdOfPatient = new Dictionary<string, double>(StringComparer.Ordinal);
        var majorityOfPatient = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var i = 0; i < cases.Count; i++)
        {
            thresholdOfPatient[cases[i].PatientId] = first.Thresholds[i];
            majorityOfPatient[cases[i].PatientId] = first.MajorityMalignant[i];
        }

        var evaluation = MetricsCalculator.Evaluate(
            Describe(dataset.Name, folds, nested: true, repeats), cases, patient => thresholdOfPatient[patient],
            evaluationOptions.BootstrapResamples, evaluationOptions.Seed, patient => majorityOfPatient[patient]) with
        {
            Threshold = first.Thresholds.Distinct().Average(),
            Skipped = skipped,
        };
        return WithRepeats(evaluation, [.. result.Repeats.Select(r => r.Auc)]);
    }

    private static string Describe(string name, int folds, bool nested, int repeats) =>
        $"{name} ({folds}-fold {(nested ? "nested " : "")}cross-validation{(repeats > 1 ? $", {repeats} repeats" : "")})";

    private static MassEvaluation WithRepeats(MassEvaluation evaluation, double[] aucs)
    {
        return evaluation with
        {
            Repeats = aucs.Length, RepeatAucs = aucs, AucMean = aucs.Average(), AucSd = RepeatedCrossValidationResult.SampleStandardDeviation(aucs),
        };
    }

    /// <summary>Cross-validates on a featurised set whose folds are given per patient.</summary>
    /// <param name="name">The dataset's name, for the result and for messages.</param>
    /// <param name="rows">Every row of the dataset, usable or not: the inner validation split is drawn over them, as training on the fold would.</param>
    /// <param name="set">The rows' vectors, under every transform the options need.</param>
    /// <param name="foldOfPatient">Each patient's fold.</param>
    /// <param name="folds">The number of folds.</param>
    /// <param name="options">The training settings.</param>
    /// <param name="evaluationOptions">The evaluation settings (bootstrap).</param>
    /// <param name="skipped">The rows left out so far, reported with the result.</param>
    /// <param name="cancellationToken">Stops between folds.</param>
    public static MassEvaluation Run(
        string name, IReadOnlyList<MassCase> rows, FeaturizedSet<MassCase> set, IReadOnlyDictionary<string, int> foldOfPatient, int folds,
        MassClassifierOptions options, EvaluationOptions evaluationOptions, IReadOnlyList<SkippedRow> skipped, CancellationToken cancellationToken)
    {
        var testTransforms = FeatureSource.Transforms(options.TestTimeAugmentation);
        var cases = new List<ScoredCase>();
        var thresholdOfPatient = new Dictionary<string, double>(StringComparer.Ordinal);
        var thresholds = new List<double>();
        for (var fold = 0; fold < folds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            options.Progress?.Report(new MassProgress($"fold {fold + 1}/{folds}", fold, folds));
            var partName = $"{name} (fold {fold + 1} training part)";
            var trainRows = rows.Where(r => foldOfPatient[r.Record.PatientId] != fold).ToList();
            if (!trainRows.Any(r => r.Record.IsMalignant) || trainRows.All(r => r.Record.IsMalignant))
            {
                throw new DatasetException(partName, "the fold's training part has only one class; training needs both classes");
            }

            var (_, validationRows) = PatientSplitter.Split(partName, trainRows, options.ValidationFraction, options.Seed);
            var validationPatients = validationRows.Select(r => r.Record.PatientId).ToHashSet(StringComparer.Ordinal);
            var training = set.Where(c => foldOfPatient[c.Record.PatientId] != fold && !validationPatients.Contains(c.Record.PatientId));
            var validation = set.Where(c => validationPatients.Contains(c.Record.PatientId));
            var heldOut = set.Where(c => foldOfPatient[c.Record.PatientId] == fold);
            var search = ClassifierTrainer.Fit(partName, training, validation, options, cancellationToken);
            var scored = search.Scorer.ScoreCases(heldOut, testTransforms);
            foreach (var c in scored)
            {
                thresholdOfPatient[c.PatientId] = search.Threshold;
            }

            cases.AddRange(scored);
            thresholds.Add(search.Threshold);
        }

        options.Progress?.Report(new MassProgress($"fold {folds}/{folds}", folds, folds));
        return MetricsCalculator.Evaluate(
            Describe(name, folds, nested: false, repeats: 1), cases, patient => thresholdOfPatient[patient],
            evaluationOptions.BootstrapResamples, evaluationOptions.Seed) with
        {
            Threshold = thresholds.Average(),
            Skipped = [.. skipped],
        };
    }
}
