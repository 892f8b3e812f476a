using Mammo.CrossValidation;
using Mammo.Data;
using Mammo.Evaluation;
using Mammo.Tests.Support;
using Mammo.Training;

namespace Mammo.Tests.Training;

/// <summary>
/// Training and cross-validation end to end on twelve patients' 40 x 40 ROIs through the cheap test backbone: small
/// enough to run alone under Stryker's instrumentation, so the mutation run can reach ClassifierTrainer and
/// CrossValidator (the synthetic-dataset tests cannot). Augmentation only at test time and in one test: eight transforms
/// per ROI make a test eight times dearer under that instrumentation; TrainingOrchestrationTests covers augmented training.
/// </summary>
public sealed class TinyDatasetTrainingTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public TinyDatasetTrainingTests()
    {
        var rows = new List<string>();
        for (var p = 1; p <= 12; p++)
        {
            var patient = $"P_{p:D5}";
            var malignant = p % 2 == 0;
            var lesions = p % 5 == 0 ? 2 : 1;
            for (var id = 1; id <= lesions; id++)
            {
                rows.Add(TestFiles.MassRow(patient: patient, id: id, pathology: malignant ? "MALIGNANT" : "BENIGN"));

                // Malignant ROIs have a contrast curve of gamma about 2.5 (which survives the preprocessor's normalisation),
                // benign ones about 1, with some spread within each class. One benign mass (P_00011) looks malignant, so the
                // classes overlap and each draw of folds ranks the rows a little differently (repeats give different AUCs).
                var gamma = (malignant || p == 11 ? 2.5 : 1.0) + (0.03 * p) + (0.05 * id);
                TestFiles.WriteHdf5(directory.File($"{patient}_LEFT_CC_{id}.h5"), 40, 40, v => (byte)Math.Round(255 * Math.Pow(Math.Clamp(v, 0, 1), gamma)));
            }
        }

        Dataset = MassDataset.Load(TestFiles.WriteText(directory, "cases.csv", TestFiles.Csv(TestFiles.MassHeader, [.. rows])), directory.Path);
    }

    public void Dispose() => directory.Dispose();

    private MassDataset Dataset { get; }

    /// <summary>The first nine patients (ten ROIs): for the augmented paths, where each ROI goes through 8 transforms.</summary>
    private MassDataset NinePatients => Dataset.Subset([.. Dataset.Cases.Where(c => int.Parse(c.Record.PatientId[2..]) <= 9)], "nine patients");

    private static MassClassifierOptions Options => new() { Seed = 2, FeatureCacheDirectory = null, RegularizationGrid = [0.1, 1] };

    private static EvaluationOptions NoBootstrap => new() { BootstrapResamples = 0 };

    [Fact]
    public void Nested_cross_validation_scores_every_row_once_with_a_model_that_never_saw_its_patient()
    {
        Assert.Equal(14, Dataset.Count);
        var backbone = new BlockMeanBackbone();
        var evaluation = CrossValidator.Run(Dataset, 3, 1, Options, NoBootstrap, backbone, default);
        Assert.Equal(Dataset.Count, backbone.Tensors);
        Assert.Equal(Dataset.Records.Select(r => r.CaseKey).Order(), evaluation.Cases.Select(c => c.CaseKey).Order());
        Assert.All(evaluation.Cases, c => Assert.Equal(Dataset.Records.Single(r => r.CaseKey == c.CaseKey).IsMalignant, c.IsMalignant));
        Assert.Contains("3-fold nested cross-validation", evaluation.Dataset);
        Assert.DoesNotContain("repeats", evaluation.Dataset);
        Assert.Equal(1, evaluation.Repeats);
        Assert.Equal(evaluation.Rows.Auc, Assert.Single(evaluation.RepeatAucs));
        Assert.Equal(0, evaluation.AucSd);
        Assert.InRange(evaluation.Threshold, 0, 1);

        // The classes differ in contrast: out-of-fold scores rank them well.
        Assert.True(evaluation.Rows.Auc > 0.8, $"AUC {evaluation.Rows.Auc}");
        Assert.Empty(evaluation.Skipped);
    }

    [Fact]
    public void Cross_validation_checks_its_options_and_that_both_classes_are_present_before_reading_a_roi()
    {
        var backbone = new BlockMeanBackbone();
        Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidator.Run(Dataset, 3, 1, Options with { ValidationFraction = 1 }, NoBootstrap, backbone, default));
        var benignOnly = Dataset.Subset([.. Dataset.Cases.Where(c => !c.Record.IsMalignant)], "benign");
        var e = Assert.Throws<DatasetException>(() => CrossValidator.Run(benignOnly, 3, 1, Options, NoBootstrap, backbone, default));
        Assert.Contains("training needs both classes", e.Message);
        Assert.Equal(0, backbone.Tensors);
    }

    [Fact]
    public void Repeats_give_one_auc_each_and_their_mean_and_spread()
    {
        var evaluation = CrossValidator.Run(Dataset, 3, 2, Options, NoBootstrap, new BlockMeanBackbone(), default);
        Assert.Equal(2, evaluation.Repeats);
        Assert.Equal(2, evaluation.RepeatAucs.Count);
        Assert.NotEqual(evaluation.RepeatAucs[0], evaluation.RepeatAucs[1]); // another draw of folds, another pooled ranking
        Assert.Equal(evaluation.RepeatAucs.Average(), evaluation.AucMean, 12);
        var mean = evaluation.AucMean;
        Assert.Equal(Math.Sqrt(evaluation.RepeatAucs.Sum(a => (a - mean) * (a - mean))), evaluation.AucSd, 12);
        Assert.Contains("2 repeats", evaluation.Dataset);
        Assert.Equal(evaluation.RepeatAucs[0], evaluation.Rows.Auc, 12);
    }

    [Fact]
    public void Training_records_both_parts_and_the_chosen_setting()
    {
        var (_, manifest) = ClassifierTrainer.Train(Dataset, Options, new BlockMeanBackbone(), default);
        var summary = manifest.Training;
        Assert.Equal((14, 14, 12, 12), (summary.TrainingRows, summary.ValidationRows, summary.TrainingPatients, summary.ValidationPatients));
        Assert.Equal([0.1, 1], summary.ValidationCurve.Select(p => p.Regularization));
        Assert.Contains(summary.ChosenRegularization, new[] { 0.1, 1 });
        Assert.StartsWith("inner ", summary.Selection);
        Assert.Equal((bool?)false, manifest.TrainingMajorityMalignant);
    }

    [Fact]
    public void Augmented_cross_validation_featurises_each_roi_once_for_all_repeats_and_scores_each_row_once_per_repeat()
    {
        // Test-time augmentation keeps the single-split path. Nine patients (ten ROIs), so that 8 transforms of each ROI stay cheap
        // under a mutation run's instrumentation: each ROI is read once for both repeats.
        var nine = NinePatients;
        var options = Options with { TestTimeAugmentation = Augmentation.Dihedral, ValidationFraction = 0.5, RegularizationGrid = [1] };
        var backbone = new BlockMeanBackbone();
        var evaluation = CrossValidator.Run(nine, 2, 2, options, NoBootstrap, backbone, default);
        Assert.Equal(10 * 8, backbone.Tensors);
        Assert.Equal($"{nine.Name} (2-fold cross-validation, 2 repeats)", evaluation.Dataset);
        Assert.Equal(nine.Records.Select(r => r.CaseKey).Order(), evaluation.Cases.Select(c => c.CaseKey).Order());
        Assert.All(evaluation.Cases, c => Assert.Equal(nine.Records.Single(r => r.CaseKey == c.CaseKey).IsMalignant, c.IsMalignant));
        Assert.Equal((2, evaluation.Rows.Auc), (evaluation.Repeats, evaluation.RepeatAucs[0]));
        Assert.Equal((evaluation.RepeatAucs[0] + evaluation.RepeatAucs[1]) / 2, evaluation.AucMean, 12);
        Assert.Equal(Math.Abs(evaluation.RepeatAucs[0] - evaluation.RepeatAucs[1]) / Math.Sqrt(2), evaluation.AucSd, 12);
        Assert.InRange(evaluation.Threshold, 0, 1);
    }

    [Fact]
    public void Augmented_training_splits_by_patient_and_featurises_each_part_once_under_every_transform_it_needs()
    {
        var nine = NinePatients;
        var options = Options with { TrainingAugmentation = Augmentation.Dihedral, ValidationFraction = 0.5 };
        var backbone = new BlockMeanBackbone();
        var (_, manifest) = ClassifierTrainer.Train(nine, options, backbone, default);
        var summary = manifest.Training;
        Assert.Equal((10, 9), (summary.TrainingRows + summary.ValidationRows, summary.TrainingPatients + summary.ValidationPatients));
        Assert.InRange(summary.ValidationPatients, 4, 5);

        // Refit on: the validation part is featurised under the training transforms too, each ROI once for all eight.
        Assert.Equal(10 * 8, backbone.Tensors);
        Assert.Equal((Augmentation.Dihedral, Augmentation.None, true), (summary.TrainingAugmentation, summary.TestTimeAugmentation, summary.Refitted));
        Assert.Equal("one validation split (augmentation on)", summary.Selection);
        // The grid is L2 per example; the curve records the trainer's summed-loss L2, times the 8 x training rows.
        var examples = 8.0 * summary.TrainingRows;
        Assert.Equal([0.1 * examples, 1 * examples], summary.ValidationCurve.Select(p => p.Regularization).Order(), (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(summary.ValidationCurve.Single(p => p.Regularization == summary.ChosenRegularization).ValidationAuc, summary.ValidationAuc);
        Assert.Equal(summary.Threshold, manifest.Threshold);
        Assert.Equal((bool?)(2 * nine.Statistics.Malignant > nine.Count), manifest.TrainingMajorityMalignant);
    }
}
