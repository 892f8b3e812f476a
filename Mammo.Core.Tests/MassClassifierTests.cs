using Mammo.Data;
using Mammo.Evaluation;
using Mammo.Rois;
using Mammo.Synthetic;
using Mammo.Tests.Support;
using Mammo.Training;
using PureHDF;

namespace Mammo.Tests;

public sealed class MassClassifierTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void On_default_synthetic_data_test_auc_reaches_ninety_percent_of_the_oracle()
    {
        var data = SyntheticCbisDdsm.Generate(directory.File("data"), new SyntheticOptions());
        var cache = directory.File("cache");
        var model = MassClassifier.Train(MassDataset.Load(data.Splits[0].CsvPath, data.RoiDirectory), new MassClassifierOptions { FeatureCacheDirectory = cache });
        var evaluation = model.Evaluate(MassDataset.Load(data.Splits[1].CsvPath, data.RoiDirectory), new EvaluationOptions { FeatureCacheDirectory = cache });
        var oracle = data.Splits[1].OracleAuc;
        Assert.True(evaluation.Rows.Auc >= 0.9 * oracle, $"test AUC {evaluation.Rows.Auc:F3} < 0.9 x oracle {oracle:F3}");
        Assert.True(evaluation.Rows.Accuracy > evaluation.Rows.MajorityBaselineAccuracy);
        Assert.InRange(evaluation.Rows.AucCi95.Lower, 0.5, evaluation.Rows.Auc);
    }

    [Fact]
    public void Training_twice_with_one_seed_gives_identical_metrics_and_head()
    {
        var again = MassClassifier.Train(SmallSynthetic.Train, SmallSynthetic.Options);
        Assert.Equal(SmallSynthetic.Model.Training.ValidationCurve, again.Training.ValidationCurve);
        Assert.Equal(SmallSynthetic.Model.Threshold, again.Threshold);
        var options = new EvaluationOptions { FeatureCacheDirectory = SmallSynthetic.CacheDirectory };
        var first = SmallSynthetic.Model.Evaluate(SmallSynthetic.Test, options);
        var second = again.Evaluate(SmallSynthetic.Test, options);
        Assert.Equal(first.Cases, second.Cases);
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
    }

    [Fact]
    public void A_saved_model_loads_and_predicts_the_same_probabilities()
    {
        var path = directory.File("model.zip");
        SmallSynthetic.Model.Save(path);
        var loaded = MassClassifier.Load(path);
        var files = RoiFiles(6);
        Assert.Equal(SmallSynthetic.Model.Predict(files).Select(p => p.Probability), loaded.Predict(files).Select(p => p.Probability));
        Assert.Equal(SmallSynthetic.Model.Threshold, loaded.Threshold);
        Assert.Equal(SmallSynthetic.Model.Training.ValidationCurve, loaded.Training.ValidationCurve);
    }

    [Fact]
    public void Predict_from_eight_threads_equals_sequential_predictions()
    {
        var files = RoiFiles(16);
        var sequential = files.Select(f => SmallSynthetic.Model.Predict(f).Probability).ToArray();
        var parallel = new double[files.Count];
        Parallel.For(0, files.Count * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var probability = SmallSynthetic.Model.Predict(files[i % files.Count]).Probability;
            if (i < files.Count)
            {
                parallel[i] = probability;
            }
            else
            {
                Assert.Equal(sequential[i % files.Count], probability);
            }
        });
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Batch_file_and_in_memory_predictions_agree()
    {
        var file = RoiFiles(1)[0];
        var fromFile = SmallSynthetic.Model.Predict(file);
        var batch = SmallSynthetic.Model.Predict([file])[0];
        Assert.Equal(fromFile.Probability, batch.Probability, 5);
        using var h5 = PureHDF.H5File.OpenRead(file);
        var dataset = h5.Dataset("data");
        var dims = dataset.Space.Dimensions;
        var raw = dataset.Read<byte[]>();
        var pixels = Enumerable.Range(0, raw.Length / 2).Select(i => (float)raw[2 * i]).ToArray();
        var mask = Enumerable.Range(0, raw.Length / 2).Select(i => (float)raw[(2 * i) + 1]).ToArray();
        var inMemory = SmallSynthetic.Model.Predict(pixels, (int)dims[1], (int)dims[0], mask);
        Assert.Equal(fromFile.Probability, inMemory.Probability, 5);
        Assert.Equal(fromFile.IsMalignant, fromFile.Probability >= fromFile.Threshold);
    }

    [Fact]
    public void One_class_and_no_roi_datasets_are_refused()
    {
        var benignOnly = TestFiles.WriteText(directory, "benign.csv", TestFiles.Csv(TestFiles.MassHeader, TestFiles.MassRow(pathology: "BENIGN")));
        TestFiles.WriteHdf5(directory.File("P_00001_LEFT_CC_1.h5"), 64, 64, v => (byte)(v * 255));
        Assert.Contains("both classes", Assert.Throws<DatasetException>(() => MassClassifier.Train(MassDataset.Load(benignOnly, directory.Path))).Message);
        using var empty = new TempDirectory();
        Assert.Contains("no row has a ROI", Assert.Throws<DatasetException>(() => MassClassifier.Train(MassDataset.Load(benignOnly, empty.Path))).Message);
    }

    [Fact]
    public void Cancellation_stops_featurisation_promptly()
    {
        using var source = new CancellationTokenSource();
        var started = DateTime.UtcNow;
        source.CancelAfter(TimeSpan.FromMilliseconds(300));
        Assert.ThrowsAny<OperationCanceledException>(() => MassClassifier.Train(
            SmallSynthetic.Train, SmallSynthetic.Options with { FeatureCacheDirectory = null }, source.Token));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Cross_validation_pools_every_row_out_of_fold()
    {
        var evaluation = MassClassifier.CrossValidate(
            SmallSynthetic.Train, 3, 2, SmallSynthetic.Options, new EvaluationOptions { FeatureCacheDirectory = SmallSynthetic.CacheDirectory, BootstrapResamples = 200 });
        Assert.Equal(SmallSynthetic.Train.Count, evaluation.Rows.Count);
        Assert.InRange(evaluation.Rows.Auc, 0.6, 1.0);
        Assert.Equal(2, evaluation.Repeats);
        Assert.Equal(evaluation.Rows.Auc, evaluation.RepeatAucs[0], 9);
        Assert.Equal(evaluation.RepeatAucs.Average(), evaluation.AucMean, 9);
        Assert.True(evaluation.AucSd >= 0);
        var json = evaluation.ToJson();
        Assert.Equal(2, (int)json["repeats"]!);
        Assert.NotNull(json["aucMean"]);
        Assert.NotNull(json["aucSd"]);
    }

    [Fact]
    public void Test_time_augmentation_trains_predicts_and_survives_a_save()
    {
        // Training augmentation is the same feature-source path (see Training/TrainingOrchestrationTests); test-time
        // augmentation also changes every prediction path, so it is checked here on the real network.
        // Half the training patients: every row is featurised under all 8 transforms, and the plumbing is the same.
        var half = SmallSynthetic.Train.SplitByPatient(0.5, seed: 1).Training;
        var options = SmallSynthetic.Options with { TestTimeAugmentation = Augmentation.Dihedral };
        var model = MassClassifier.Train(half, options);
        Assert.Equal(Augmentation.Dihedral, model.Training.TestTimeAugmentation);
        var file = RoiFiles(1)[0];
        var path = directory.File("tta.zip");
        model.Save(path);
        var loaded = MassClassifier.Load(path);
        Assert.Equal(model.Predict(file).Probability, loaded.Predict(file).Probability, 6);
        Assert.Equal(model.Predict(file).Probability, model.Predict([file])[0].Probability, 5);
        var plain = MassClassifier.Train(half, SmallSynthetic.Options); // the same rows without it (features cached)
        Assert.NotEqual(plain.Predict(file).Probability, model.Predict(file).Probability);
    }

    private static List<string> RoiFiles(int count) =>
        SmallSynthetic.Test.Records.Take(count).Select(r => Path.Combine(SmallSynthetic.Data.RoiDirectory, r.CaseKey + ".h5")).ToList();
}
