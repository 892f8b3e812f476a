using System.Collections.Concurrent;
using System.Reflection;
using Mammo.Backbone;
using Mammo.Data;
using Mammo.Evaluation;
using Mammo.Explanation;
using Mammo.Persistence;
using Mammo.Preprocessing;
using Mammo.Rois;
using Mammo.Training;
using Microsoft.Extensions.Logging;
using Microsoft.ML;

namespace Mammo;

/// <summary>
/// Tells benign from malignant breast masses in mammogram ROIs: a frozen, pretrained ResNet18 (ONNX Runtime) gives 512
/// features per ROI, and an ML.NET head retrained on them gives a calibrated malignancy probability.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Member</term><description>What it does</description></listheader>
/// <item><term><see cref="Train"/></term><description>splits the training data by patient, fits the head for each setting in the grid, keeps the one with the best
/// validation AUC, chooses the threshold on validation, refits; the test set is never touched</description></item>
/// <item><term><see cref="Evaluate"/></term><description>AUC with a patient-bootstrap 95% interval, sensitivity, specificity, PPV, NPV, F1, confusion matrix
/// and the majority-class baseline, at row and lesion level</description></item>
/// <item><term><see cref="Predict(string)"/></term><description>one ROI file or one image in memory; safe to call from many threads</description></item>
/// <item><term><see cref="Explain(string)"/></term><description>where the model looks: an occlusion-sensitivity map over the crop, in ROI coordinates</description></item>
/// <item><term><see cref="Save"/>, <see cref="Load"/></term><description>one model file: the ML.NET head plus a verified manifest; saving is atomic</description></item>
/// <item><term><see cref="CrossValidate"/></term><description>patient-grouped stratified k-fold, pooled out-of-fold figures, for small datasets</description></item>
/// </list>
/// A research tool, not a medical device.
/// </remarks>
public sealed class MassClassifier
{
    private readonly MLContext ml;
    private readonly ITransformer head;
    private readonly ModelManifest manifest;
    private readonly ConcurrentBag<PredictionEngine<FeatureRow, HeadOutput>> engines = [];

    private MassClassifier(MLContext ml, ITransformer head, ModelManifest manifest)
    {
        this.ml = ml;
        this.head = head;
        this.manifest = manifest;
    }

    /// <summary>Gets the operating threshold chosen on the validation split.</summary>
    public double Threshold => manifest.Threshold;

    /// <summary>Gets how ROI files are read and cropped for this model.</summary>
    public RoiOptions RoiOptions => manifest.RoiOptions;

    /// <summary>Gets what training did and chose.</summary>
    public TrainingSummary Training => manifest.Training;

    private static string Version =>
        typeof(MassClassifier).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    private int[] TestTimeTransforms => Dihedrals(manifest.Training.TestTimeAugmentation);

    /// <summary>Trains a classifier on a dataset (the training CSV's rows).</summary>
    /// <param name="training">The training data; a validation part is carved from it by patient.</param>
    /// <param name="options">The settings; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops featurisation and training; nothing is left half-written.</param>
    /// <returns>The trained classifier.</returns>
    /// <exception cref="DatasetException">One class only, too few patients for the validation split, or no usable ROI.</exception>
    /// <exception cref="RoiFormatException">An unreadable ROI, unless <see cref="MassClassifierOptions.SkipBadRois"/> is set.</exception>
    public static MassClassifier Train(MassDataset training, MassClassifierOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        options ??= new MassClassifierOptions();
        options.Validate();
        var log = options.Logger;
        CheckTrainable(training);
        var (trainPart, validationPart) = training.SplitByPatient(options.ValidationFraction, options.Seed);
        log?.LogInformation(
            "Training on {Rows} rows of {Patients} patients; validating on {ValidationRows} rows of {ValidationPatients} patients",
            trainPart.Count, trainPart.Statistics.Patients, validationPart.Count, validationPart.Statistics.Patients);

        var backbone = ResNet18Backbone.Shared;
        var skipped = new List<SkippedRow>(training.Skipped);
        var extractor = Extractor(backbone, training.RoiOptions, options.FeatureCacheDirectory);
        var trainTransforms = Dihedrals(options.TrainingAugmentation);
        var testTransforms = Dihedrals(options.TestTimeAugmentation);
        var trainFeatures = Featurize(extractor, trainPart, trainTransforms, options.SkipBadRois, skipped, options.Progress, cancellationToken);
        var validationFeatures = Featurize(extractor, validationPart, testTransforms, options.SkipBadRois, skipped, options.Progress, cancellationToken);
        if (trainFeatures.Labels.Distinct().Count() < 2 || validationFeatures.Labels.Distinct().Count() < 2)
        {
            throw new DatasetException(training.Name, "after leaving out unreadable ROIs, a split has only one class");
        }

        // Each setting is fitted single-threaded in its own context, so the settings can run side by side on all cores
        // and one seed still gives one model.
        var grid = options.RegularizationGrid.OrderByDescending(r => r).ToArray();
        var fits = new (ITransformer Model, ValidationPoint Point, double[] ValidationScores)[grid.Length];
        var fitted = 0;
        Parallel.For(0, grid.Length, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var context = new MLContext(options.Seed);
            var model = HeadPipeline.Fit(context, options.Trainer, grid[i], trainFeatures.Vectors, trainFeatures.Labels, options.BalanceClasses);
            var trainAuc = RocAnalysis.Auc(HeadPipeline.Score(context, model, trainFeatures.Vectors), trainFeatures.Labels);
            var validationScores = Average(HeadPipeline.Score(context, model, validationFeatures.Vectors), testTransforms.Length);
            fits[i] = (model, new ValidationPoint(grid[i], trainAuc, RocAnalysis.Auc(validationScores, validationFeatures.RowLabels)), validationScores);
            options.Progress?.Report(new MassProgress("train", Interlocked.Increment(ref fitted), grid.Length));
        });

        // Strongest regularisation first, so a tie keeps the simpler model.
        var (best, bestPoint, bestValidationScores) = fits.Aggregate((a, b) => b.Point.ValidationAuc > a.Point.ValidationAuc + 1e-12 ? b : a);
        var (chosen, bestAuc) = (bestPoint.Regularization, bestPoint.ValidationAuc);
        var curve = fits.Select(f => f.Point).ToList();
        foreach (var point in curve)
        {
            log?.LogInformation("L2 {Regularization}: training AUC {TrainAuc:F3}, validation AUC {ValidationAuc:F3}", point.Regularization, point.TrainingAuc, point.ValidationAuc);
        }

        var ml = new MLContext(options.Seed);
        var threshold = ThresholdSelector.Choose(
            bestValidationScores, validationFeatures.RowLabels, options.ThresholdPolicy, options.TargetSensitivity);
        if (options.RefitOnAllTrainingData)
        {
            // The validation features are refitted under the training transforms: featurise them again only if those differ.
            var all = testTransforms.SequenceEqual(trainTransforms)
                ? validationFeatures
                : Featurize(extractor, validationPart, trainTransforms, options.SkipBadRois, [], null, cancellationToken);
            best = HeadPipeline.Fit(
                ml, options.Trainer, chosen, [.. trainFeatures.Vectors, .. all.Vectors], [.. trainFeatures.Labels, .. all.Labels], options.BalanceClasses);
        }

        var summary = new TrainingSummary
        {
            Seed = options.Seed,
            Trainer = options.Trainer,
            TrainingRows = trainPart.Count,
            ValidationRows = validationPart.Count,
            TrainingPatients = trainPart.Statistics.Patients,
            ValidationPatients = validationPart.Statistics.Patients,
            ChosenRegularization = chosen,
            ValidationAuc = bestAuc,
            ValidationCurve = curve.OrderBy(p => p.Regularization).ToList(),
            ThresholdPolicy = options.ThresholdPolicy,
            Threshold = threshold,
            TrainingAugmentation = options.TrainingAugmentation,
            TestTimeAugmentation = options.TestTimeAugmentation,
            Refitted = options.RefitOnAllTrainingData,
            Skipped = skipped,
        };
        log?.LogInformation("Chose L2 {Regularization} (validation AUC {Auc:F3}) and threshold {Threshold:F3}", chosen, bestAuc, threshold);
        var manifest = new ModelManifest
        {
            FormatVersion = ModelManifest.CurrentFormatVersion,
            MammoVersion = Version,
            BackboneName = ResNet18Backbone.Name,
            BackboneSha256 = backbone.Sha256,
            HeadSha256 = "",
            RoiOptions = training.RoiOptions,
            Preprocessing = "min-max to 0..1; lesion-centred square (mask) or padded whole crop; bilinear + box supersampling to 224; grey to RGB x 255; BGR minus ResNet mean image",
            Threshold = threshold,
            Training = summary,
        };
        return new MassClassifier(ml, best, manifest);
    }

    /// <summary>Evaluates the classifier on a dataset (the test CSV's rows) at its stored threshold.</summary>
    /// <param name="dataset">The data to evaluate on.</param>
    /// <param name="options">The settings; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops featurisation.</param>
    /// <returns>Row- and lesion-level figures.</returns>
    /// <exception cref="DatasetException">No usable ROI.</exception>
    public MassEvaluation Evaluate(MassDataset dataset, EvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= new EvaluationOptions();
        var cases = Score(dataset, options.FeatureCacheDirectory, options.SkipBadRois, options.Progress, out var skipped, cancellationToken);
        return MetricsCalculator.Evaluate(dataset.Name, cases, _ => Threshold, options.BootstrapResamples, options.Seed) with
        {
            Skipped = [.. dataset.Skipped, .. skipped],
        };
    }

    /// <summary>
    /// Cross-validates on a dataset: patient-grouped, label-stratified folds; a classifier is trained on each fold's
    /// training part (with its own validation split) and scores the held-out part; the figures pool every held-out row,
    /// each decided at its own fold model's threshold.
    /// </summary>
    /// <param name="dataset">The data.</param>
    /// <param name="folds">The number of folds, at least 2.</param>
    /// <param name="options">The training settings; the defaults when <see langword="null"/>.</param>
    /// <param name="evaluationOptions">The evaluation settings; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The pooled out-of-fold evaluation; its <see cref="MassEvaluation.Threshold"/> is the folds' mean threshold.</returns>
    public static MassEvaluation CrossValidate(
        MassDataset dataset, int folds = 5, MassClassifierOptions? options = null, EvaluationOptions? evaluationOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= new MassClassifierOptions();
        evaluationOptions ??= new EvaluationOptions { FeatureCacheDirectory = options.FeatureCacheDirectory, SkipBadRois = options.SkipBadRois };
        CheckTrainable(dataset);
        var cases = new List<ScoredCase>();
        var skipped = new List<SkippedRow>(dataset.Skipped);
        var thresholdOfPatient = new Dictionary<string, double>(StringComparer.Ordinal);
        var thresholds = new List<double>();
        var parts = dataset.PatientFolds(folds, options.Seed);
        for (var fold = 0; fold < parts.Count; fold++)
        {
            var (trainPart, heldOut) = parts[fold];
            options.Progress?.Report(new MassProgress($"fold {fold + 1}/{folds}", fold, folds));
            var model = Train(trainPart, options, cancellationToken);
            var scored = model.Score(heldOut, evaluationOptions.FeatureCacheDirectory, evaluationOptions.SkipBadRois, evaluationOptions.Progress, out var bad, cancellationToken);
            skipped.AddRange(bad);
            foreach (var c in scored)
            {
                thresholdOfPatient[c.PatientId] = model.Threshold;
            }

            cases.AddRange(scored);
            thresholds.Add(model.Threshold);
        }

        options.Progress?.Report(new MassProgress($"fold {folds}/{folds}", folds, folds));
        return MetricsCalculator.Evaluate(
            $"{dataset.Name} ({folds}-fold cross-validation)", cases, patient => thresholdOfPatient[patient],
            evaluationOptions.BootstrapResamples, evaluationOptions.Seed) with
        {
            Threshold = thresholds.Average(),
            Skipped = skipped,
        };
    }

    /// <summary>Predicts one ROI file (HDF5 or PNG).</summary>
    /// <param name="roiPath">The ROI file.</param>
    /// <returns>The probability and the decision.</returns>
    /// <exception cref="RoiFormatException">The file is missing or unusable.</exception>
    public MassPrediction Predict(string roiPath)
    {
        ArgumentNullException.ThrowIfNull(roiPath);
        return Predict(RoiReader.Read(roiPath, RoiOptions), roiPath);
    }

    /// <summary>Predicts one grey image held in memory (row-major, any range; stretched like a file's pixels).</summary>
    /// <param name="pixels">Width x height intensities.</param>
    /// <param name="width">The image's width.</param>
    /// <param name="height">The image's height.</param>
    /// <returns>The probability and the decision.</returns>
    /// <exception cref="RoiFormatException">The pixels are unusable (NaN, constant, wrong size).</exception>
    public MassPrediction Predict(ReadOnlySpan<float> pixels, int width, int height) => Predict(pixels, width, height, []);

    /// <summary>Predicts one grey image held in memory with its lesion mask, cropped around the lesion as a file with a mask would be.</summary>
    /// <param name="pixels">Width x height intensities.</param>
    /// <param name="width">The image's width.</param>
    /// <param name="height">The image's height.</param>
    /// <param name="lesionMask">A lesion mask of the same size (above half its maximum = lesion), or empty for none.</param>
    /// <returns>The probability and the decision.</returns>
    /// <exception cref="RoiFormatException">The pixels are unusable (NaN, constant, wrong size).</exception>
    public MassPrediction Predict(ReadOnlySpan<float> pixels, int width, int height, ReadOnlySpan<float> lesionMask)
    {
        const string source = "<pixels in memory>";
        if (pixels.Length != (long)width * height || (!lesionMask.IsEmpty && lesionMask.Length != pixels.Length))
        {
            throw new RoiFormatException(source, $"{pixels.Length} pixels do not make a {width} x {height} image (or the mask's size differs)");
        }

        return Predict(RoiImage.FromSamples(source, width, height, pixels.ToArray(), lesionMask.IsEmpty ? null : LesionBounds.Find(lesionMask, width, 1, 0)), null);
    }

    /// <summary>Predicts many ROI files, batched through the backbone.</summary>
    /// <param name="roiPaths">The ROI files.</param>
    /// <returns>One prediction per file, in order.</returns>
    /// <exception cref="RoiFormatException">A file is missing or unusable.</exception>
    public IReadOnlyList<MassPrediction> Predict(IEnumerable<string> roiPaths) => Predict(roiPaths, CancellationToken.None);

    /// <summary>Predicts many ROI files, batched through the backbone.</summary>
    /// <param name="roiPaths">The ROI files.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>One prediction per file, in order.</returns>
    /// <exception cref="RoiFormatException">A file is missing or unusable.</exception>
    public IReadOnlyList<MassPrediction> Predict(IEnumerable<string> roiPaths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roiPaths);
        var paths = roiPaths.ToList();
        var transforms = TestTimeTransforms;
        var extractor = Extractor(ResNet18Backbone.Shared, RoiOptions, null);
        var jobs = paths.SelectMany(p => transforms.Select(t => new RoiJob(p, t))).ToList();
        var features = extractor.Extract(jobs, null, null, cancellationToken);
        var probabilities = Average(HeadPipeline.Score(ml, head, features.Select(f => f!).ToList()), transforms.Length);
        return paths.Select((p, i) => Decide(p, probabilities[i])).ToList();
    }

    /// <summary>Shows where the model looks in one ROI file: an occlusion-sensitivity map (see <see cref="MassExplanation"/>), default settings.</summary>
    /// <param name="roiPath">The ROI file.</param>
    /// <returns>The map, the crop's position in the ROI and the prediction. Deterministic; safe to call from many threads.</returns>
    /// <exception cref="RoiFormatException">The file is missing or unusable.</exception>
    public MassExplanation Explain(string roiPath) => Explain(roiPath, null, CancellationToken.None);

    /// <summary>Shows where the model looks in one ROI file, with settings: an occlusion-sensitivity map.</summary>
    /// <param name="roiPath">The ROI file.</param>
    /// <param name="options">The occlusion settings; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <returns>The map, the crop's position in the ROI and the prediction. Deterministic; safe to call from many threads.</returns>
    /// <exception cref="RoiFormatException">The file is missing or unusable.</exception>
    public MassExplanation Explain(string roiPath, ExplanationOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roiPath);
        return Explain(RoiReader.Read(roiPath, RoiOptions), roiPath, options, cancellationToken);
    }

    /// <summary>Shows where the model looks in one grey image held in memory, with its lesion mask or none.</summary>
    /// <param name="pixels">Width x height intensities.</param>
    /// <param name="width">The image's width.</param>
    /// <param name="height">The image's height.</param>
    /// <param name="lesionMask">A lesion mask of the same size (above half its maximum = lesion), or empty for none.</param>
    /// <param name="options">The occlusion settings; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <returns>The map, the crop's position in the ROI and the prediction.</returns>
    /// <exception cref="RoiFormatException">The pixels are unusable (NaN, constant, wrong size).</exception>
    public MassExplanation Explain(
        ReadOnlySpan<float> pixels, int width, int height, ReadOnlySpan<float> lesionMask, ExplanationOptions? options, CancellationToken cancellationToken) =>
        Explain(OcclusionExplainer.FromMemory(pixels, width, height, lesionMask), null, options, cancellationToken);

    private MassExplanation Explain(RoiImage roi, string? source, ExplanationOptions? options, CancellationToken cancellationToken)
    {
        // The scorer: backbone, then head; the head's probability as a logit (see OcclusionExplainer.Logit).
        double[] Score(float[] tensors, int count) =>
            HeadPipeline.Score(ml, head, OcclusionExplainer.Split(ResNet18Backbone.Shared.Featurize(tensors, count), count)).Select(OcclusionExplainer.Logit).ToArray();
        return OcclusionExplainer.Explain(roi, RoiOptions, Predict(roi, source), Score, options ?? new ExplanationOptions(), cancellationToken);
    }

    /// <summary>Saves the model to one file, atomically: a failed save leaves no partial file and keeps any previous file.</summary>
    /// <param name="path">The model file to write (by convention <c>.zip</c>).</param>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var headStream = new MemoryStream();
        ml.Model.Save(head, null, headStream);
        ModelFile.Save(path, manifest, headStream.ToArray());
    }

    /// <summary>Loads a saved model, offline, verifying it first.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="ModelFileException">Missing, truncated, tampered with, of a newer format, or made with another backbone.</exception>
    public static MassClassifier Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (manifest, headBytes) = ModelFile.Load(path, ResNet18Backbone.Shared.Sha256);
        var ml = new MLContext(manifest.Training.Seed);
        try
        {
            using var stream = new MemoryStream(headBytes);
            return new MassClassifier(ml, ml.Model.Load(stream, out _), manifest);
        }
        catch (Exception e) when (e is not MammoException and not OutOfMemoryException)
        {
            throw new ModelFileException(path, $"the head model cannot be loaded ({e.Message})", e);
        }
    }

    private MassPrediction Predict(RoiImage roi, string? source)
    {
        var transforms = TestTimeTransforms;
        var tensors = new float[transforms.Length * RoiPreprocessor.TensorLength];
        for (var t = 0; t < transforms.Length; t++)
        {
            RoiPreprocessor.Preprocess(roi, RoiOptions, transforms[t], tensors.AsSpan(t * RoiPreprocessor.TensorLength, RoiPreprocessor.TensorLength));
        }

        var features = ResNet18Backbone.Shared.Featurize(tensors, transforms.Length);
        if (!engines.TryTake(out var engine))
        {
            engine = ml.Model.CreatePredictionEngine<FeatureRow, HeadOutput>(head);
        }

        try
        {
            var sum = 0.0;
            for (var t = 0; t < transforms.Length; t++)
            {
                var vector = features.AsSpan(t * ResNet18Backbone.FeatureLength, ResNet18Backbone.FeatureLength).ToArray();
                sum += engine.Predict(new FeatureRow { Features = vector }).Probability;
            }

            return Decide(source, sum / transforms.Length);
        }
        finally
        {
            engines.Add(engine);
        }
    }

    private MassPrediction Decide(string? source, double probability) => new(source, probability, probability >= Threshold, Threshold);

    private List<ScoredCase> Score(
        MassDataset dataset, string? cacheDirectory, bool skipBad, IProgress<MassProgress>? progress, out List<SkippedRow> skipped, CancellationToken cancellationToken)
    {
        skipped = [];
        var transforms = TestTimeTransforms;
        var features = Featurize(Extractor(ResNet18Backbone.Shared, RoiOptions, cacheDirectory), dataset, transforms, skipBad, skipped, progress, cancellationToken);
        if (features.Items.Count == 0)
        {
            throw new DatasetException(dataset.Name, $"no row has a usable ROI ({dataset.Skipped.Count + skipped.Count} left out)");
        }

        var probabilities = Average(HeadPipeline.Score(ml, head, features.Vectors), transforms.Length);
        return features.Items.Select((item, i) => new ScoredCase(
            item.Record.CaseKey, item.Record.PatientId, item.Record.LesionKey, item.Record.IsMalignant, probabilities[i])).ToList();
    }

    private static void CheckTrainable(MassDataset dataset)
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

    private static FeatureExtractor Extractor(ResNet18Backbone backbone, RoiOptions roiOptions, string? cacheDirectory) =>
        new(backbone, roiOptions, cacheDirectory is null ? null : new FeatureCache(cacheDirectory));

    private static int[] Dihedrals(Augmentation augmentation) =>
        augmentation == Augmentation.Dihedral ? Enumerable.Range(0, RoiPreprocessor.DihedralCount).ToArray() : [0];

    /// <summary>Featurises every row under every transform; rows with an unreadable ROI are dropped (when allowed) and reported.</summary>
    private static Featurized Featurize(
        FeatureExtractor extractor, MassDataset dataset, int[] transforms, bool skipBad, List<SkippedRow> skipped,
        IProgress<MassProgress>? progress, CancellationToken cancellationToken)
    {
        var jobs = dataset.Items.SelectMany(item => transforms.Select(t => new RoiJob(item.RoiPath, t))).ToList();
        var bad = new ConcurrentDictionary<int, RoiFormatException>();
        var results = extractor.Extract(jobs, skipBad ? (i, e) => bad[i / transforms.Length] = e : null, progress, cancellationToken);
        var items = new List<DatasetItem>();
        var vectors = new List<float[]>();
        var labels = new List<bool>();
        for (var i = 0; i < dataset.Items.Count; i++)
        {
            if (bad.TryGetValue(i, out var error))
            {
                skipped.Add(new SkippedRow(dataset.Items[i].Record.CaseKey, error.Message));
                continue;
            }

            items.Add(dataset.Items[i]);
            for (var t = 0; t < transforms.Length; t++)
            {
                vectors.Add(results[(i * transforms.Length) + t]!);
                labels.Add(dataset.Items[i].Record.IsMalignant);
            }
        }

        return new Featurized(items, vectors, labels);
    }

    /// <summary>Averages each consecutive group of <paramref name="group"/> scores (the transforms of one ROI).</summary>
    private static double[] Average(double[] scores, int group) =>
        Enumerable.Range(0, scores.Length / group).Select(i => scores.AsSpan(i * group, group).ToArray().Average()).ToArray();

    private sealed record Featurized(List<DatasetItem> Items, List<float[]> Vectors, List<bool> Labels)
    {
        /// <summary>Gets one label per row (<see cref="Labels"/> has one per row and transform).</summary>
        public List<bool> RowLabels => Items.Select(item => item.Record.IsMalignant).ToList();
    }
}
