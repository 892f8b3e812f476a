using Mammo.Data;
using Mammo.Heads;
using Mammo.Persistence;
using Mammo.Tests.Support;
using Mammo.Training;

namespace Mammo.Tests.Training;

/// <summary>
/// What training records about itself (the manifest and its summary), on the small synthetic dataset's files through
/// the cheap test backbone: every field against what the dataset and the options say it must be.
/// </summary>
public sealed class TrainingSummaryTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private MassClassifierOptions Options => new()
    {
        Seed = 4, FeatureCacheDirectory = directory.File("cache"), RegularizationGrid = [0.5, 2], ThresholdPolicy = ThresholdPolicy.TargetSensitivity,
        TargetSensitivity = 0.8, Trainer = HeadTrainer.LbfgsLogisticRegression,
    };

    private static int Patients(IEnumerable<MassCase> cases) => cases.Select(c => c.Record.PatientId).Distinct().Count();

    [Fact]
    public void Without_augmentation_the_head_is_chosen_by_inner_cross_validation_and_the_manifest_says_so()
    {
        var train = SmallSynthetic.Train;
        var backbone = new BlockMeanBackbone();
        var (scorer, manifest) = ClassifierTrainer.Train(train, Options, backbone, default);
        var summary = manifest.Training;
        var patients = Patients(train.Cases);
        Assert.True(patients < NestedSearchOptions.DefaultInnerCrossValidationPatientLimit);

        Assert.Equal(ModelManifest.CurrentFormatVersion, manifest.FormatVersion);
        Assert.False(string.IsNullOrEmpty(manifest.MammoVersion));
        Assert.Equal(backbone.Name, manifest.BackboneName);
        Assert.Equal(backbone.Sha256, manifest.BackboneSha256);
        Assert.Equal(train.RoiOptions, manifest.RoiOptions);
        Assert.Equal(Mammo.Preprocessing.RoiPreprocessor.Description, manifest.Preprocessing);
        Assert.Equal("raw", manifest.FeatureRecipe);
        Assert.Equal(2 * train.Statistics.Malignant > train.Count, manifest.TrainingMajorityMalignant);
        Assert.Equal(manifest.Threshold, summary.Threshold);
        Assert.InRange(manifest.Threshold, 0, 1);
        Assert.True(manifest.CalibrationSlope > 0);

        Assert.Equal(4, summary.Seed);
        Assert.Equal(HeadTrainer.LbfgsLogisticRegression, summary.Trainer);
        Assert.Equal(ThresholdPolicy.TargetSensitivity, summary.ThresholdPolicy);
        Assert.Equal(Augmentation.None, summary.TrainingAugmentation);
        Assert.Equal(Augmentation.None, summary.TestTimeAugmentation);
        Assert.True(summary.Refitted);
        Assert.Equal(train.Count, summary.TrainingRows);
        Assert.Equal(train.Count, summary.ValidationRows);
        Assert.Equal(patients, summary.TrainingPatients);
        Assert.Equal(patients, summary.ValidationPatients);
        Assert.Equal("raw", summary.FeatureRecipe);
        var folds = Math.Min(5, Mammo.CrossValidation.GroupedFolds.MaximumFolds([.. train.Cases.Select(c => c.Record.PatientId)], [.. train.Cases.Select(c => c.Record.IsMalignant)]));
        Assert.Equal($"inner {folds}-fold patient-grouped cross-validation (fewer than {NestedSearchOptions.DefaultInnerCrossValidationPatientLimit} patients)", summary.Selection);
        Assert.Empty(summary.Skipped);

        // One point per grid value, in increasing order, and the chosen one is the best held-out AUC (the stronger
        // regularisation on a tie).
        Assert.Equal([0.5, 2], summary.ValidationCurve.Select(p => p.Regularization));
        var best = summary.ValidationCurve.Max(p => p.ValidationAuc);
        Assert.Equal(best, summary.ValidationAuc);
        Assert.Equal(summary.ValidationCurve.Where(p => p.ValidationAuc >= best - 1e-12).Max(p => p.Regularization), summary.ChosenRegularization);
        Assert.All(summary.ValidationCurve, p => Assert.InRange(p.TrainingAuc, 0.5, 1));

        // The scorer's probabilities are the calibrated head's, on the raw block-mean features.
        var scores = scorer.ScoreCases(
            Mammo.Featurization.FeatureSource.Create(new BlockMeanBackbone(), train.RoiOptions, null).Featurize(train.Cases.Take(4).ToList(), c => c.RoiPath, [0], false, null, default),
            [0]);
        Assert.Equal(4, scores.Count);
        Assert.All(scores, s => Assert.InRange(s.Probability, 0, 1));
    }

    [Fact]
    public void With_augmentation_one_patient_grouped_validation_split_chooses_and_the_rows_add_up()
    {
        var train = SmallSynthetic.Train;
        var options = Options with { TrainingAugmentation = Augmentation.Dihedral, RefitOnAllTrainingData = false };
        var (_, manifest) = ClassifierTrainer.Train(train, options, new BlockMeanBackbone(), default);
        var summary = manifest.Training;
        var (trainPart, validationPart) = PatientSplitter.Split(train.Name, train.Cases, options.ValidationFraction, options.Seed);

        Assert.Equal(trainPart.Count, summary.TrainingRows);
        Assert.Equal(validationPart.Count, summary.ValidationRows);
        Assert.Equal(Patients(trainPart), summary.TrainingPatients);
        Assert.Equal(Patients(validationPart), summary.ValidationPatients);
        Assert.Equal(Patients(train.Cases), summary.TrainingPatients + summary.ValidationPatients);
        Assert.Equal("one validation split (augmentation on)", summary.Selection);
        Assert.Equal("raw", summary.FeatureRecipe);
        Assert.Equal("raw", manifest.FeatureRecipe);
        Assert.False(summary.Refitted);
        Assert.Equal(Augmentation.Dihedral, summary.TrainingAugmentation);
        Assert.Equal(2 * train.Statistics.Malignant > train.Count, manifest.TrainingMajorityMalignant);

        // This path's grid is absolute: each per-example value times the training rows (times 8 transforms) for L-BFGS.
        var rows = trainPart.Count * 8;
        Assert.Equal([0.5 * rows, 2.0 * rows], summary.ValidationCurve.Select(p => p.Regularization));
        Assert.Contains(summary.ChosenRegularization, summary.ValidationCurve.Select(p => p.Regularization));
        Assert.Equal(summary.ValidationCurve.Single(p => p.Regularization == summary.ChosenRegularization).ValidationAuc, summary.ValidationAuc);
        Assert.Equal(1, manifest.CalibrationSlope);
        Assert.Equal(0, manifest.CalibrationOffset);
    }
}
