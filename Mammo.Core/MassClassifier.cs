using Mammo.Backbone;
using Mammo.CrossValidation;
using Mammo.Data;
using Mammo.Evaluation;
using Mammo.Explanation;
using Mammo.Featurization;
using Mammo.Heads;
using Mammo.Persistence;
using Mammo.Rois;
using Mammo.Training;
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
    private readonly HeadScorer scorer;
    private readonly ModelManifest manifest;
    private readonly IFeatureBackbone backbone;

    private MassClassifier(HeadScorer scorer, ModelManifest manifest, IFeatureBackbone backbone)
    {
        this.scorer = scorer;
        this.manifest = manifest;
        this.backbone = backbone;
    }

    /// <summary>Gets the operating threshold chosen on the validation split.</summary>
    public double Threshold => manifest.Threshold;

    /// <summary>Gets how ROI files are read and cropped for this model.</summary>
    public RoiOptions RoiOptions => manifest.RoiOptions;

    /// <summary>Gets what training did and chose.</summary>
    public TrainingSummary Training => manifest.Training;

    private int[] TestTimeTransforms => FeatureSource.Transforms(manifest.Training.TestTimeAugmentation);

    /// <summary>Trains a classifier on a dataset (the training CSV's rows).</summary>
    /// <param name="training">The training data; a validation part is carved from it by patient.</param>
    /// <param name="options">The settings; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops featurisation and training; nothing is left half-written.</param>
    /// <returns>The trained classifier.</returns>
    /// <exception cref="DatasetException">One class only, too few patients for the validation split, or no usable ROI.</exception>
    /// <exception cref="RoiFormatException">An unreadable ROI, unless <see cref="MassClassifierOptions.SkipBadRois"/> is set.</exception>
    public static MassClassifier Train(MassDataset training, MassClassifierOptions? options = null, CancellationToken cancellationToken = default) =>
        TrainOn(ResNet18StageRunner.Shared, training, options, cancellationToken);

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
        var transforms = TestTimeTransforms;
        var set = FeatureSource.Create(backbone, RoiOptions, options.FeatureCacheDirectory)
            .Featurize(dataset.Cases, i => i.RoiPath, transforms, options.SkipBadRois, options.Progress, cancellationToken);
        var skipped = ClassifierTrainer.Failures(set).ToList();
        if (set.Count == 0)
        {
            throw new DatasetException(dataset.Name, $"no row has a usable ROI ({dataset.Skipped.Count + skipped.Count} left out)");
        }

        return MetricsCalculator.Evaluate(dataset.Name, scorer.ScoreCases(set, transforms), _ => Threshold, options.BootstrapResamples, options.Seed,
            manifest.TrainingMajorityMalignant is bool majority ? _ => majority : null) with
        {
            Skipped = [.. dataset.Skipped, .. skipped],
        };
    }

    /// <summary>
    /// Cross-validates on a dataset: patient-grouped, label-stratified folds; the whole training procedure runs on each
    /// fold's training part (recipe and L2 chosen by inner cross-validation or a validation split, calibration and
    /// threshold on held-out scores: nested cross-validation) and scores the held-out part; the figures pool every
    /// held-out row, each decided at its own fold model's threshold. Each ROI is featurised once for all folds and repeats;
    /// with <paramref name="repeats"/> above 1, new fold draws give the mean and sd of the AUC.
    /// </summary>
    /// <param name="dataset">The data.</param>
    /// <param name="folds">The number of folds, at least 2.</param>
    /// <param name="repeats">The number of different fold assignments (seed, seed + 1, ...); the evaluation carries the mean and
    /// standard deviation of their pooled AUCs, and its other figures are those of the first.</param>
    /// <param name="options">The training settings (including the feature cache and skipping of unreadable ROIs); the defaults when <see langword="null"/>.</param>
    /// <param name="evaluationOptions">The evaluation settings (the bootstrap); the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The pooled out-of-fold evaluation; its <see cref="MassEvaluation.Threshold"/> is the folds' mean threshold.</returns>
    public static MassEvaluation CrossValidate(
        MassDataset dataset, int folds = 5, int repeats = 1, MassClassifierOptions? options = null, EvaluationOptions? evaluationOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        options ??= new MassClassifierOptions();
        evaluationOptions ??= new EvaluationOptions();
        return CrossValidator.Run(dataset, folds, repeats, options, evaluationOptions, ResNet18StageRunner.Shared, cancellationToken);
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
    public MassPrediction Predict(ReadOnlySpan<float> pixels, int width, int height, ReadOnlySpan<float> lesionMask) =>
        Predict(RoiImage.FromMemory(pixels, width, height, lesionMask), null);

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
        var transforms = TestTimeTransforms;
        var set = new FeatureSource(backbone, RoiOptions, cache: null)
            .Featurize(roiPaths.ToList(), path => path, transforms, skipBad: false, progress: null, cancellationToken);
        var probabilities = scorer.ScoreCases(set.Vectors(transforms), transforms.Length);
        return [.. set.Cases.Select((path, i) => Decide(path, probabilities[i]))];
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
        Explain(RoiImage.FromMemory(pixels, width, height, lesionMask), null, options, cancellationToken);

    private MassExplanation Explain(RoiImage roi, string? source, ExplanationOptions? options, CancellationToken cancellationToken)
    {
        // The scorer: backbone, then head; the head's probability as a logit (see OcclusionExplainer.Logit).
        // Occluded copies keep the lesion where it was: every tensor shares the ROI's lesion geometry.
        var geometry = Features.LesionGeometry.Of(roi, RoiOptions, 0);
        double[] Score(float[] tensors, int count) =>
            [.. scorer.Score(OcclusionExplainer.Split(backbone.Featurize(tensors, Enumerable.Repeat(geometry, count).ToArray(), count), count)).Select(OcclusionExplainer.Logit)];
        return OcclusionExplainer.Explain(roi, RoiOptions, Predict(roi, source), Score, options ?? new ExplanationOptions(), cancellationToken);
    }

    /// <summary>Saves the model to one file, atomically: a failed save leaves no partial file and keeps any previous file.</summary>
    /// <param name="path">The model file to write (by convention <c>.zip</c>).</param>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var headStream = new MemoryStream();
        scorer.Context.Model.Save(scorer.Head, null, headStream);
        ModelFile.Save(path, manifest, headStream.ToArray());
    }

    /// <summary>Loads a saved model, offline, verifying it first.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="ModelFileException">Missing, truncated, tampered with, of a newer format, or made with another backbone.</exception>
    public static MassClassifier Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Models are made on feature bundles (pooled features and stage-map pools from one pass); the recipe in the
        // manifest turns a bundle into the head's input.
        // The first load in a process hashes the backbone (64 MB) on a thread of its own while the model file is read.
        var loading = ResNet18StageRunner.IsSharedCreated
            ? Task.FromResult(ResNet18StageRunner.Shared)
            : Task.Factory.StartNew(() => ResNet18StageRunner.Shared, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        ModelManifest manifest;
        byte[] headBytes;
        try
        {
            (manifest, headBytes) = ModelFile.Load(path, () => loading.GetAwaiter().GetResult().Sha256);
        }
        catch (ModelFileException)
        {
            // A missing or broken backbone is reported first, as when the backbone was made before the file was read.
            _ = loading.GetAwaiter().GetResult();
            throw;
        }

        var backbone = loading.GetAwaiter().GetResult();
        var ml = new MLContext(manifest.Training.Seed);
        try
        {
            using var stream = new MemoryStream(headBytes);
            var recipe = Features.FeatureRecipe.Named(manifest.FeatureRecipe ?? Features.FeatureRecipe.Pooled.Name);
            var calibration = new PlattScaling(manifest.CalibrationSlope, manifest.CalibrationOffset);
            return new MassClassifier(new HeadScorer(ml, ml.Model.Load(stream, out _), recipe.Length, recipe, calibration), manifest, backbone);
        }
        catch (Exception e) when (e is not MammoException and not OutOfMemoryException)
        {
            throw new ModelFileException(path, $"the head model cannot be loaded ({e.Message})", e);
        }
    }

    /// <summary>Trains on any backbone: the seam the training tests use.</summary>
    internal static MassClassifier TrainOn(IFeatureBackbone backbone, MassDataset training, MassClassifierOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        var (scorer, manifest) = ClassifierTrainer.Train(training, options ?? new MassClassifierOptions(), backbone, cancellationToken);
        return new MassClassifier(scorer, manifest, backbone);
    }

    private MassPrediction Predict(RoiImage roi, string? source)
    {
        var transforms = TestTimeTransforms;
        var probability = scorer.ScoreCases(new FeatureSource(backbone, RoiOptions, cache: null).Featurize(roi, transforms), transforms.Length)[0];
        return Decide(source, probability);
    }

    private MassPrediction Decide(string? source, double probability) => new(source, probability, probability >= Threshold, Threshold);
}
