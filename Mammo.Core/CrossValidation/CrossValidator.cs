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
        MassDataset dataset, int folds, MassClassifierOptions options, EvaluationOptions evaluationOptions, IFeatureBackbone backbone,
        CancellationToken cancellationToken)
    {
        options.Validate();
        ClassifierTrainer.CheckTrainable(dataset);

        // Folds are assigned over every row before any ROI is read, so an unusable ROI cannot shift another row's fold.
        var assignment = PatientSplitter.Folds(dataset.Name, dataset.Cases, folds, options.Seed);
        var foldOfPatient = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < dataset.Cases.Count; i++)
        {
            foldOfPatient[dataset.Cases[i].Record.PatientId] = assignment[i];
        }

        var transforms = FeatureSource.Transforms(options.TrainingAugmentation).Union(FeatureSource.Transforms(options.TestTimeAugmentation)).Order().ToArray();
        var source = FeatureSource.Create(backbone, dataset.RoiOptions, options.FeatureCacheDirectory);
        var set = source.Featurize(dataset.Cases, i => i.RoiPath, transforms, options.SkipBadRois, options.Progress, cancellationToken);
        var skipped = new List<SkippedRow>(dataset.Skipped);
        skipped.AddRange(ClassifierTrainer.Failures(set));
        return Run(dataset.Name, dataset.Cases, set, foldOfPatient, folds, options, evaluationOptions, skipped, cancellationToken);
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
            $"{name} ({folds}-fold cross-validation)", cases, patient => thresholdOfPatient[patient],
            evaluationOptions.BootstrapResamples, evaluationOptions.Seed) with
        {
            Threshold = thresholds.Average(),
            Skipped = [.. skipped],
        };
    }
}
