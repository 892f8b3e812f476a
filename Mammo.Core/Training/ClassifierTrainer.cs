using System.Reflection;
using Mammo.Backbone;
using Mammo.Data;
using Mammo.Featurization;
using Mammo.Heads;
using Mammo.Persistence;
using Mammo.Preprocessing;
using Microsoft.Extensions.Logging;

namespace Mammo.Training;

/// <summary>
/// Training orchestration: splits a dataset by patient, featurises each part once through the feature source, hands the
/// vectors to the head search and records what was chosen in a manifest.
/// </summary>
internal static class ClassifierTrainer
{
    private static string Version =>
        typeof(MassClassifier).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    /// <summary>Trains on a dataset; the validation part is carved from it by patient.</summary>
    public static (HeadScorer Scorer, ModelManifest Manifest) Train(
        MassDataset training, MassClassifierOptions options, IFeatureBackbone backbone, CancellationToken cancellationToken)
    {
        options.Validate();
        CheckTrainable(training);
        var log = options.Logger;
        var (trainPart, validationPart) = PatientSplitter.Split(training.Name, training.Cases, options.ValidationFraction, options.Seed);
        var trainPatients = trainPart.Select(i => i.Record.PatientId).Distinct(StringComparer.Ordinal).Count();
        var validationPatients = validationPart.Select(i => i.Record.PatientId).Distinct(StringComparer.Ordinal).Count();
        log?.LogInformation(
            "Training on {Rows} rows of {Patients} patients; validating on {ValidationRows} rows of {ValidationPatients} patients",
            trainPart.Count, trainPatients, validationPart.Count, validationPatients);

        // Each part is featurised once, under every transform it is needed for: the validation part under the test-time
        // transforms for scoring and, for the refit, under the training transforms too.
        var trainTransforms = FeatureSource.Transforms(options.TrainingAugmentation);
        var testTransforms = FeatureSource.Transforms(options.TestTimeAugmentation);
        var validationTransforms = options.RefitOnAllTrainingData ? [.. testTransforms.Union(trainTransforms).Order()] : testTransforms;
        var source = FeatureSource.Create(backbone, training.RoiOptions, options.FeatureCacheDirectory);
        var trainSet = source.Featurize(trainPart, i => i.RoiPath, trainTransforms, options.SkipBadRois, options.Progress, cancellationToken);
        var validationSet = source.Featurize(validationPart, i => i.RoiPath, validationTransforms, options.SkipBadRois, options.Progress, cancellationToken);
        var skipped = new List<SkippedRow>(training.Skipped);
        skipped.AddRange(Failures(trainSet));
        skipped.AddRange(Failures(validationSet));

        var search = Fit(training.Name, trainSet, validationSet, options, cancellationToken);
        foreach (var point in search.Curve.Reverse())
        {
            log?.LogInformation("L2 {Regularization}: training AUC {TrainAuc:F3}, validation AUC {ValidationAuc:F3}", point.Regularization, point.TrainingAuc, point.ValidationAuc);
        }

        log?.LogInformation(
            "Chose L2 {Regularization} (validation AUC {Auc:F3}) and threshold {Threshold:F3}", search.Chosen.Regularization, search.ValidationAuc, search.Threshold);
        var summary = new TrainingSummary
        {
            Seed = options.Seed,
            Trainer = options.Trainer,
            TrainingRows = trainPart.Count,
            ValidationRows = validationPart.Count,
            TrainingPatients = trainPatients,
            ValidationPatients = validationPatients,
            ChosenRegularization = search.Chosen.Regularization,
            ValidationAuc = search.ValidationAuc,
            ValidationCurve = search.Curve,
            ThresholdPolicy = options.ThresholdPolicy,
            Threshold = search.Threshold,
            TrainingAugmentation = options.TrainingAugmentation,
            TestTimeAugmentation = options.TestTimeAugmentation,
            Refitted = options.RefitOnAllTrainingData,
            Skipped = skipped,
        };
        var manifest = new ModelManifest
        {
            FormatVersion = ModelManifest.CurrentFormatVersion,
            MammoVersion = Version,
            BackboneName = backbone.Name,
            BackboneSha256 = backbone.Sha256,
            HeadSha256 = "",
            RoiOptions = training.RoiOptions,
            Preprocessing = RoiPreprocessor.Description,
            Threshold = search.Threshold,
            Training = summary,
        };
        return (search.Scorer, manifest);
    }

    /// <summary>
    /// Runs the head search on featurised training and validation parts (each featurised under at least the transforms the
    /// options ask of it): the step cross-validation repeats per fold.
    /// </summary>
    /// <exception cref="DatasetException">A part has only one class once unusable ROIs are left out.</exception>
    public static HeadSearchResult Fit(
        string datasetName, FeaturizedSet<MassCase> training, FeaturizedSet<MassCase> validation, MassClassifierOptions options, CancellationToken cancellationToken)
    {
        if (!HasBothClasses(training) || !HasBothClasses(validation))
        {
            throw new DatasetException(datasetName, "after leaving out unreadable ROIs, a split has only one class");
        }

        var trainTransforms = FeatureSource.Transforms(options.TrainingAugmentation);
        var testTransforms = FeatureSource.Transforms(options.TestTimeAugmentation);
        return HeadSearch.Run(
            HeadData.From(training, trainTransforms),
            HeadData.From(validation, testTransforms),
            options.RefitOnAllTrainingData ? HeadData.From(validation, trainTransforms) : null,
            [.. options.RegularizationGrid.Select(r => new HeadCandidate(r))],
            HeadSearchSettings.From(options),
            options.Progress,
            cancellationToken);
    }

    /// <summary>Refuses a dataset with no ROI or only one class, before any work.</summary>
    public static void CheckTrainable(MassDataset dataset)
    {
        if (dataset.Count == 0)
        {
            throw new DatasetException(dataset.Name, $"no row has a ROI file ({dataset.Skipped.Count} left out; first: {dataset.Skipped.FirstOrDefault()?.Reason ?? "none"})");
        }

        if (dataset.Statistics.Malignant == 0 || dataset.Statistics.Benign == 0)
        {
            throw new DatasetException(dataset.Name, $"all {dataset.Count} usable rows are {(dataset.Statistics.Malignant == 0 ? "benign" : "malignant")}; training needs both classes");
        }
    }

    /// <summary>The rows a featurisation left out, as skipped rows.</summary>
    public static IEnumerable<SkippedRow> Failures(FeaturizedSet<MassCase> set) =>
        set.Failures.Select(f => new SkippedRow(f.Case.Record.CaseKey, f.Error.Message));

    private static bool HasBothClasses(FeaturizedSet<MassCase> set) =>
        set.Cases.Any(c => c.Record.IsMalignant) && set.Cases.Any(c => !c.Record.IsMalignant);
}
