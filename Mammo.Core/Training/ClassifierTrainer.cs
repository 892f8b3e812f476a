using System.Reflection;
using Mammo.Backbone;
using Mammo.Data;
using Mammo.Featurization;
using Mammo.Heads;
using Mammo.Parallelism;
using Mammo.Persistence;
using Mammo.Preprocessing;
using Mammo.Rois;
using Microsoft.Extensions.Logging;

namespace Mammo.Training;

/// <summary>
/// Training orchestration: splits a dataset by patient, featurises each part once through the feature source, hands the
/// vectors to the head search and records what was chosen in a manifest.
/// </summary>
internal static class ClassifierTrainer
{
    // The SDK writes the attribute into every build of Mammo.Core (from <Version> in Directory.Build.props).
    private static string Version =>
        typeof(MassClassifier).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

    /// <summary>Trains on a dataset; the validation part is carved from it by patient.</summary>
    public static (HeadScorer Scorer, ModelManifest Manifest) Train(
        MassDataset training, MassClassifierOptions options, IFeatureBackbone backbone, CancellationToken cancellationToken)
    {
        options.Validate();
        CheckTrainable(training);
        if (IsNested(options))
        {
            return TrainNested(training, options, backbone, cancellationToken);
        }

        var log = options.Logger;
        var (trainPart, validationPart) = PatientSplitter.Split(training.Name, training.Cases, options.ValidationFraction, options.Seed);
        var trainPatients = trainPart.Select(i => i.Record.PatientId).Distinct(StringComparer.Ordinal).Count();
        var validationPatients = validationPart.Select(i => i.Record.PatientId).Distinct(StringComparer.Ordinal).Count();
        log?.LogInformation(
            "Training on {Rows} rows of {Patients} patients; validating on {ValidationRows} rows of {ValidationPatients} patients",
            trainPart.Count, trainPatients, validationPart.Count, validationPatients);

        // Each part is featurised once, under every transform it is needed for: the validation part under the test-time
        // transforms for scoring and, for the refit, under the training transforms too (vectors are looked up by transform, in any order).
        var trainTransforms = FeatureSource.Transforms(options.TrainingAugmentation);
        var testTransforms = FeatureSource.Transforms(options.TestTimeAugmentation);
        var validationTransforms = options.RefitOnAllTrainingData ? [.. testTransforms.Union(trainTransforms)] : testTransforms;
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
        var recipe = RecipeOf(backbone).Name;
        var manifest = Manifest(
            backbone, training.RoiOptions, search.Threshold, summary with { FeatureRecipe = recipe, Selection = "one validation split (augmentation on)" },
            recipe, 2 * training.Statistics.Malignant > training.Count);
        return (search.Scorer, manifest);
    }

    /// <summary>
    /// Whether training takes the nested path: every learned choice (recipe, L2, calibration, threshold) made inside the
    /// training data by <see cref="NestedHeadSearch"/>. Augmented training keeps the single validation split of the pooled features.
    /// </summary>
    public static bool IsNested(MassClassifierOptions options) =>
        options.TrainingAugmentation == Augmentation.None && options.TestTimeAugmentation == Augmentation.None;

    /// <summary>The recipe a backbone's vectors allow without a search: the pooled 512 of a bundle, or the vectors as they are.</summary>
    public static Features.FeatureRecipe RecipeOf(IFeatureBackbone backbone) =>
        backbone.FeatureLength == Features.FeatureBundle.Length ? Features.FeatureRecipe.Pooled : Features.FeatureRecipe.Raw;

    private static (HeadScorer Scorer, ModelManifest Manifest) TrainNested(
        MassDataset training, MassClassifierOptions options, IFeatureBackbone backbone, CancellationToken cancellationToken)
    {
        var source = FeatureSource.Create(backbone, training.RoiOptions, options.FeatureCacheDirectory);
        var set = source.Featurize(training.Cases, i => i.RoiPath, [0], options.SkipBadRois, options.Progress, cancellationToken);
        var skipped = new List<SkippedRow>(training.Skipped);
        skipped.AddRange(Failures(set));
        if (!HasBothClasses(set))
        {
            throw new DatasetException(training.Name, "after leaving out unreadable ROIs, only one class is left");
        }

        var data = HeadData.From(set, [0]);
        var (scorer, head, curve) = FitNested(data, options, backbone, SelectionFitter(options), validationCurve: true, cancellationToken);
        var log = options.Logger;
        foreach (var (candidate, auc) in head.Selection.Scores)
        {
            log?.LogInformation("{Candidate}: held-out AUC {Auc:F3}", candidate, auc);
        }

        var selection = head.InnerCrossValidated
            ? $"inner {head.Selection.Folds}-fold patient-grouped cross-validation (fewer than {NestedSearchOptions.DefaultInnerCrossValidationPatientLimit} patients)"
            : $"one patient-grouped validation split of {options.ValidationFraction:P0} of the patients";
        log?.LogInformation("Chose {Candidate} by {Selection} (AUC {Auc:F3}); threshold {Threshold:F3}", head.Candidate, selection, head.Selection.BestAuc, head.Threshold);
        var patients = data.PatientIds.Distinct(StringComparer.Ordinal).Count();
        var summary = new TrainingSummary
        {
            Seed = options.Seed,
            Trainer = options.Trainer,
            TrainingRows = set.Count,
            ValidationRows = head.InnerCrossValidated ? set.Count : head.Selection.OutOfFoldScores.Length,
            TrainingPatients = patients,
            ValidationPatients = head.InnerCrossValidated ? patients : 0,
            ChosenRegularization = head.Candidate.L2PerExample,
            ValidationAuc = head.Selection.BestAuc,
            ValidationCurve = curve,
            ThresholdPolicy = options.ThresholdPolicy,
            Threshold = head.Threshold,
            TrainingAugmentation = options.TrainingAugmentation,
            TestTimeAugmentation = options.TestTimeAugmentation,
            Refitted = true,
            Skipped = skipped,
            FeatureRecipe = head.Candidate.Recipe.Name,
            Selection = selection,
        };
        var manifest = Manifest(
            backbone, training.RoiOptions, head.Threshold, summary, head.Candidate.Recipe.Name, 2 * data.Labels.Count(l => l) > data.Labels.Length) with
        {
            CalibrationSlope = head.Calibration.A,
            CalibrationOffset = head.Calibration.B,
        };
        return (scorer, manifest);
    }

    /// <summary>The manifest of a freshly trained model: what both training paths record alike.</summary>
    private static ModelManifest Manifest(
        IFeatureBackbone backbone, RoiOptions roiOptions, double threshold, TrainingSummary summary, string recipe, bool trainingMajorityMalignant) => new()
        {
            FormatVersion = ModelManifest.CurrentFormatVersion,
            MammoVersion = Version,
            BackboneName = backbone.Name,
            BackboneSha256 = backbone.Sha256,
            HeadSha256 = "",
            RoiOptions = roiOptions,
            Preprocessing = RoiPreprocessor.Description,
            Threshold = threshold,
            Training = summary,
            FeatureRecipe = recipe,
            TrainingMajorityMalignant = trainingMajorityMalignant,
        };

    private static IHeadFitter SelectionFitter(MassClassifierOptions options) =>
        options.Trainer == HeadTrainer.LbfgsLogisticRegression && !options.BalanceClasses
            ? new KernelLogisticFitter()
            : new MlNetHeadFitter(options.Trainer, options.BalanceClasses, options.Seed);

    /// <summary>
    /// The nested head search on featurised rows (one vector per row): chooses recipe and L2 inside the rows, then fits the
    /// ML.NET head that is saved with the chosen setting on every row. The step cross-validation repeats per fold.
    /// </summary>
    /// <remarks>
    /// For L-BFGS without class weights the search fits with <see cref="KernelLogisticFitter"/>, which solves the same
    /// objective exactly in milliseconds (it agrees with the ML.NET head to about 0.002 in probability); otherwise it fits
    /// with the ML.NET trainer itself.
    /// </remarks>
    public static (HeadScorer Scorer, TrainedHead Head) FitNested(HeadData data, MassClassifierOptions options, IFeatureBackbone backbone, CancellationToken cancellationToken)
    {
        var (scorer, head, _) = FitNested(data, options, backbone, SelectionFitter(options), validationCurve: false, cancellationToken);
        return (scorer, head);
    }

    /// <summary>The nested fit with the search's fitter given (a test makes it fail), and the validation curve when asked.</summary>
    /// <param name="data">The featurised rows.</param>
    /// <param name="options">The training options.</param>
    /// <param name="backbone">The backbone that made the rows.</param>
    /// <param name="fitter">The search's fitter, also used for the all-row fits.</param>
    /// <param name="validationCurve">Whether to fit the chosen recipe's other L2 strengths on every row too, for the
    /// curve of in-sample against held-out AUC (empty when not asked).</param>
    /// <param name="cancellationToken">Stops the search.</param>
    internal static (HeadScorer Scorer, TrainedHead Head, ValidationPoint[] Curve) FitNested(
        HeadData data, MassClassifierOptions options, IFeatureBackbone backbone, IHeadFitter fitter, bool validationCurve, CancellationToken cancellationToken)
    {
        var recipes = backbone.FeatureLength == Features.FeatureBundle.Length
            ? options.FeatureRecipes.Select(Features.FeatureRecipe.Named).ToArray()
            : [Features.FeatureRecipe.Raw];
        var search = new NestedSearchOptions
        {
            Recipes = recipes,
            L2PerExample = options.RegularizationGrid,
            ValidationFraction = options.ValidationFraction,
            ThresholdPolicy = options.ThresholdPolicy,
            TargetSensitivity = options.TargetSensitivity,
        };
        var choice = NestedHeadSearch.Choose(data.Vectors, data.Labels, data.PatientIds, search, fitter, options.Seed, cancellationToken);
        var chosen = choice.Candidate;
        var vectors = chosen.Recipe.Apply(data.Vectors);
        var ml = new Microsoft.ML.MLContext(options.Seed);

        // The saved ML.NET head fits on one thread (one seed, one model), so the all-row fits of the search's fitter run
        // beside it on the other cores: about a third of a warm CBIS-sized training run (measured).
        var saved = Task.Factory.StartNew(
            () => HeadPipeline.Fit(ml, options.Trainer, HeadPipeline.TrainerRegularization(options.Trainer, chosen.L2PerExample, vectors.Length), vectors, data.Labels, options.BalanceClasses),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        TrainedHead head;
        ValidationPoint[] curve;
        try
        {
            (head, curve) = AllRowFits(choice, vectors, data.Labels, fitter, validationCurve, cancellationToken);
        }
        catch
        {
            // Nothing keeps running after a failure or a cancellation. The head's own error, if any, is secondary, but
            // read, so that it is not reported later as an unobserved task exception.
            ((IAsyncResult)saved).AsyncWaitHandle.WaitOne();
            _ = saved.Exception;
            throw;
        }

        var model = saved.GetAwaiter().GetResult();
        return (new HeadScorer(ml, model, vectors[0].Length, chosen.Recipe, choice.Calibration), head, curve);
    }

    /// <summary>
    /// Fits the chosen setting on every row and, for the validation curve, the chosen recipe's other L2 strengths too
    /// (side by side): each candidate's in-sample AUC beside its held-out AUC from the search.
    /// </summary>
    internal static (TrainedHead Head, ValidationPoint[] Curve) AllRowFits(
        HeadChoice choice, float[][] vectors, IReadOnlyList<bool> labels, IHeadFitter fitter, bool validationCurve, CancellationToken cancellationToken)
    {
        var points = validationCurve
            ? choice.Selection.Scores.Where(s => s.Candidate.Recipe == choice.Candidate.Recipe).ToArray()
            : [(choice.Candidate, choice.Selection.BestAuc)];
        var scorers = new Func<IReadOnlyList<float[]>, double[]>[points.Length];
        var curve = new ValidationPoint[points.Length];
        ParallelWork.For(points.Length, cancellationToken, i =>
        {
            var (candidate, heldOutAuc) = points[i];
            scorers[i] = fitter.Fit(vectors, labels, candidate.L2PerExample);
            if (validationCurve)
            {
                curve[i] = new ValidationPoint(candidate.L2PerExample, Evaluation.RocAnalysis.Auc(scorers[i](vectors), labels), heldOutAuc);
            }
        });
        var head = choice.With(scorers[Array.FindIndex(points, p => p.Candidate == choice.Candidate)]);
        return (head, validationCurve ? [.. curve.OrderBy(p => p.Regularization)] : []);
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
        // Both classes are present, so the training part has a first row.
        var backboneRecipe = training.Vector(0, trainTransforms[0]).Length == Features.FeatureBundle.Length ? Features.FeatureRecipe.Pooled : null;
        HeadData Data(FeaturizedSet<MassCase> set, int[] transforms)
        {
            var data = HeadData.From(set, transforms);
            return backboneRecipe is null ? data : data with { Vectors = backboneRecipe.Apply(data.Vectors) };
        }

        // The grid is per example; this path fits with the training part's row count (the refit keeps that absolute strength).
        var rows = training.Count * trainTransforms.Length;
        var result = HeadSearch.Run(
            Data(training, trainTransforms),
            Data(validation, testTransforms),
            options.RefitOnAllTrainingData ? Data(validation, trainTransforms) : null,
            [.. options.RegularizationGrid.Select(r => new HeadCandidate(HeadPipeline.TrainerRegularization(options.Trainer, r, rows)))],
            HeadSearchSettings.From(options),
            options.Progress,
            cancellationToken);
        return backboneRecipe is null
            ? result
            : result with { Scorer = new HeadScorer(result.Scorer.Context, result.Scorer.Head, result.Scorer.FeatureLength, backboneRecipe) };
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
