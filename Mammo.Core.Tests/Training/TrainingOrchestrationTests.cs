using Mammo.Backbone;
using Mammo.CrossValidation;
using Mammo.Data;
using Mammo.Evaluation;
using Mammo.Rois;
using Mammo.Tests.Support;
using Mammo.Training;

namespace Mammo.Tests.Training;

/// <summary>
/// Training, cross-validation and their bookkeeping on the small synthetic dataset's real files, through a cheap
/// backbone: the logic is the same as with ResNet18, in milliseconds.
/// </summary>
public sealed class TrainingOrchestrationTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private MassClassifierOptions Options => new() { Seed = 3, FeatureCacheDirectory = directory.File("cache") };

    [Fact]
    public void Training_featurises_each_roi_once_under_the_transforms_it_needs()
    {
        var train = SmallSynthetic.Train;
        var backbone = new BlockMeanBackbone();
        var model = MassClassifier.TrainOn(backbone, train, Options with { TrainingAugmentation = Augmentation.Dihedral, RefitOnAllTrainingData = false });
        var validation = model.Training.ValidationRows;
        Assert.Equal(((train.Count - validation) * 8) + validation, backbone.Tensors);
        Assert.Equal(train.Count, model.Training.TrainingRows + validation);

        // With the refit the validation part is needed under the training transforms too: still one pass per ROI.
        var refitBackbone = new BlockMeanBackbone();
        MassClassifier.TrainOn(refitBackbone, train, Options with { TrainingAugmentation = Augmentation.Dihedral, FeatureCacheDirectory = null });
        Assert.Equal(train.Count * 8, refitBackbone.Tensors);

        // A warm cache: nothing reaches the network, and the same model comes out.
        var warm = new BlockMeanBackbone();
        var again = MassClassifier.TrainOn(warm, train, Options with { TrainingAugmentation = Augmentation.Dihedral, RefitOnAllTrainingData = false });
        Assert.Equal(0, warm.Tensors);
        Assert.Equal(model.Training.ValidationCurve, again.Training.ValidationCurve);
        Assert.Equal(model.Threshold, again.Threshold);
    }

    [Fact]
    public void Cross_validation_featurises_each_roi_once_and_scores_each_row_once_out_of_fold()
    {
        var dataset = SmallSynthetic.Train;
        var backbone = new BlockMeanBackbone();
        var evaluation = CrossValidator.Run(dataset, 3, 1, Options, new EvaluationOptions { BootstrapResamples = 50 }, backbone, default);
        Assert.Equal(dataset.Count, backbone.Tensors);
        Assert.Equal(dataset.Records.Select(r => r.CaseKey).Order(), evaluation.Cases.Select(c => c.CaseKey).Order());

        // Each held-out row is scored by a model that never saw its patient: the fold models' thresholds differ.
        var thresholdsOfRows = evaluation.Cases.Select(c => c.PatientId).Distinct().Count();
        Assert.Equal(dataset.Statistics.Patients, thresholdsOfRows);
        Assert.True(evaluation.Threshold is > 0 and < 1);
    }

    [Fact]
    public void Cross_validation_equals_training_on_each_fold_by_hand()
    {
        var dataset = SmallSynthetic.Train;
        var options = Options with { FeatureCacheDirectory = null };
        var evaluation = CrossValidator.Run(dataset, 3, 1, options, new EvaluationOptions { BootstrapResamples = 0 }, new BlockMeanBackbone(), default);
        // The nested path: repeat 0 draws patient-grouped folds with the seed, and trains fold f with seed + 1000 + f.
        var cases = dataset.Cases;
        var foldOf = Mammo.CrossValidation.GroupedFolds.Assign(
            [.. cases.Select(c => c.Record.PatientId)], [.. cases.Select(c => c.Record.IsMalignant)], 3, options.Seed);
        var expected = new List<ScoredCase>();
        for (var f = 0; f < 3; f++)
        {
            var training = dataset.Subset([.. cases.Where((_, i) => foldOf[i] != f)], "training");
            var heldOut = dataset.Subset([.. cases.Where((_, i) => foldOf[i] == f)], "held out");
            var model = MassClassifier.TrainOn(new BlockMeanBackbone(), training, options with { Seed = options.Seed + 1000 + f });
            expected.AddRange(model.Evaluate(heldOut, new EvaluationOptions { BootstrapResamples = 0, FeatureCacheDirectory = null }).Cases);
        }

        Assert.Equal(
            expected.OrderBy(c => c.CaseKey, StringComparer.Ordinal).Select(c => (c.CaseKey, Math.Round(c.Probability, 9))),
            evaluation.Cases.OrderBy(c => c.CaseKey, StringComparer.Ordinal).Select(c => (c.CaseKey, Math.Round(c.Probability, 9))));
    }

    [Fact]
    public void An_unreadable_roi_is_skipped_and_reported_once_when_asked_and_otherwise_stops_the_run()
    {
        var roi = directory.File("roi");
        Directory.CreateDirectory(roi);
        foreach (var file in Directory.GetFiles(SmallSynthetic.Data.RoiDirectory))
        {
            File.Copy(file, Path.Combine(roi, Path.GetFileName(file)));
        }

        var victim = SmallSynthetic.Train.Records[0].CaseKey;
        File.WriteAllText(Path.Combine(roi, victim + ".h5"), "garbage");
        var dataset = MassDataset.Load(SmallSynthetic.Data.Splits[0].CsvPath, roi);
        Assert.Contains(victim, Assert.Throws<RoiFormatException>(() => CrossValidator.Run(dataset, 3, 1, Options, new EvaluationOptions(), new BlockMeanBackbone(), default)).Message);
        var evaluation = CrossValidator.Run(dataset, 3, 1, Options with { SkipBadRois = true }, new EvaluationOptions { BootstrapResamples = 0 }, new BlockMeanBackbone(), default);
        Assert.Single(evaluation.Skipped, s => s.CaseKey == victim);
        Assert.Equal(dataset.Count - 1, evaluation.Cases.Count);
        var model = MassClassifier.TrainOn(new BlockMeanBackbone(), dataset, Options with { SkipBadRois = true });
        Assert.Single(model.Training.Skipped, s => s.CaseKey == victim);
    }

    [Fact]
    public void A_part_left_with_one_class_after_skipping_is_refused_by_name()
    {
        var roi = directory.File("roi");
        Directory.CreateDirectory(roi);
        var train = SmallSynthetic.Train;
        foreach (var record in train.Records)
        {
            var target = Path.Combine(roi, record.CaseKey + ".h5");
            if (record.IsMalignant)
            {
                File.WriteAllText(target, "garbage");
            }
            else
            {
                File.Copy(Path.Combine(SmallSynthetic.Data.RoiDirectory, record.CaseKey + ".h5"), target);
            }
        }

        var dataset = MassDataset.Load(SmallSynthetic.Data.Splits[0].CsvPath, roi);
        var error = Assert.Throws<DatasetException>(() => MassClassifier.TrainOn(new BlockMeanBackbone(), dataset, Options with { SkipBadRois = true }));
        Assert.Contains("only one class", error.Message);
    }

    [Fact]
    public void The_manifest_records_the_preprocessing_version_and_the_backbone_and_loading_refuses_another_backbone()
    {
        var model = MassClassifier.TrainOn(new BlockMeanBackbone(), SmallSynthetic.Train, Options);
        var path = directory.File("model.zip");
        model.Save(path);
        using (var zip = System.IO.Compression.ZipFile.OpenRead(path))
        using (var manifest = System.Text.Json.JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open()))
        {
            var root = manifest.RootElement;
            Assert.Equal(Mammo.Preprocessing.RoiPreprocessor.Description, root.GetProperty("preprocessing").GetString());
            Assert.StartsWith($"preprocess-v{Mammo.Preprocessing.RoiPreprocessor.Version}:", root.GetProperty("preprocessing").GetString());
            Assert.Equal(new BlockMeanBackbone().Sha256, root.GetProperty("backboneSha256").GetString());
        }

        Assert.Equal(path, Assert.Throws<ModelFileException>(() => MassClassifier.Load(path)).FilePath);
    }
}
