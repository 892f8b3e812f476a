using System.Reflection;
using Mammo.Data;
using Mammo.Evaluation;
using Mammo.Featurization;
using Mammo.Features;
using Mammo.Heads;
using Mammo.Tests.Support;
using Mammo.Training;
using Microsoft.Extensions.Logging;

namespace Mammo.Tests.Training;

/// <summary>
/// What training records, on eight or ten patients' 40 x 40 ROIs through the cheap test backbone (one ROI each): the
/// manifest's fixed fields, the majority class, skipped rows, the refusals before any ROI is read, and which transforms
/// each part of the augmented path is featurised under.
/// </summary>
public sealed class ClassifierTrainerManifestTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static MassClassifierOptions Options => new() { Seed = 2, FeatureCacheDirectory = null, RegularizationGrid = [1e-3, 100] };

    private static bool[] Classes(int malignant, int benign) => [.. Enumerable.Repeat(true, malignant), .. Enumerable.Repeat(false, benign)];

    /// <summary>A feature-bundle backbone: the block means in the pooled part, zeros elsewhere.</summary>
    private sealed class BundleBackbone : Mammo.Backbone.IFeatureBackbone
    {
        private readonly BlockMeanBackbone inner = new();

        public string Name => "bundle (test)";

        public int FeatureLength => FeatureBundle.Length;

        public string Sha256 => "bundle-test-backbone";

        public float[] Featurize(ReadOnlySpan<float> input, ReadOnlySpan<LesionGeometry> geometries, int count)
        {
            var means = inner.Featurize(input, geometries, count);
            var bundles = new float[count * FeatureLength];
            for (var n = 0; n < count; n++)
            {
                means.AsSpan(n * inner.FeatureLength, inner.FeatureLength).CopyTo(bundles.AsSpan(n * FeatureLength));
            }

            return bundles;
        }
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }

    [Fact]
    public void Nested_training_records_version_refit_majority_skipped_rows_and_each_candidates_own_in_sample_auc()
    {
        // Five malignant, three benign readable (one of them looks malignant), and a ninth patient's ROI unreadable.
        var dataset = TinyMassDataset.Write(directory, Classes(5, 4), unreadable: [9], lookalikes: [6]);
        var backbone = new BlockMeanBackbone();
        var (_, manifest) = ClassifierTrainer.Train(dataset, Options with { SkipBadRois = true }, backbone, default);
        var summary = manifest.Training;
        Assert.Equal(typeof(MassClassifier).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion, manifest.MammoVersion);
        Assert.Equal("", manifest.HeadSha256); // filled in when the model is saved
        Assert.True(summary.Refitted);
        Assert.Equal((bool?)true, manifest.TrainingMajorityMalignant);
        Assert.Equal([dataset.Cases[8].Record.CaseKey], summary.Skipped.Select(s => s.CaseKey));

        // Each curve point's in-sample AUC is that of the exact fitter on all eight rows with its own L2.
        var set = FeatureSource.Create(new BlockMeanBackbone(), dataset.RoiOptions, null).Featurize(dataset.Cases, c => c.RoiPath, [0], true, null, default);
        var data = HeadData.From(set, [0]);
        Assert.Equal(
            [.. new[] { 1e-3, 100 }.Select(l2 => RocAnalysis.Auc(new KernelLogisticFitter().Fit(data.Vectors, data.Labels, l2)(data.Vectors), data.Labels))],
            summary.ValidationCurve.Select(p => p.TrainingAuc));
        Assert.NotEqual(summary.ValidationCurve[0].TrainingAuc, summary.ValidationCurve[1].TrainingAuc);
    }

    [Fact]
    public void Options_and_classes_are_checked_before_any_roi_is_read()
    {
        var dataset = TinyMassDataset.Write(directory, Classes(3, 3));
        var backbone = new BlockMeanBackbone();
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassifierTrainer.Train(dataset, Options with { ValidationFraction = 1 }, backbone, default));
        var benign = dataset.Subset([.. dataset.Cases.Where(c => !c.Record.IsMalignant)], "benign");
        var one = Assert.Throws<DatasetException>(() => ClassifierTrainer.Train(benign, Options, backbone, default));
        Assert.EndsWith(": all 3 usable rows are benign; training needs both classes", one.Message);
        var empty = Assert.Throws<DatasetException>(() => ClassifierTrainer.Train(dataset.Subset([], "empty"), Options, backbone, default));
        Assert.EndsWith(": no row has a ROI file (0 left out; first: none)", empty.Message);
        Assert.Equal(0, backbone.Tensors);
    }

    [Fact]
    public void Training_stops_when_unreadable_rois_leave_one_class()
    {
        // Every benign ROI is unreadable: the malignant ones are all that is left.
        var dataset = TinyMassDataset.Write(directory, Classes(3, 3), unreadable: [4, 5, 6]);
        var e = Assert.Throws<DatasetException>(() => ClassifierTrainer.Train(dataset, Options with { SkipBadRois = true }, new BlockMeanBackbone(), default));
        Assert.Equal($"{dataset.Name}: after leaving out unreadable ROIs, only one class is left", e.Message);
    }

    [Fact]
    public void The_head_search_refuses_a_part_with_one_class()
    {
        var dataset = TinyMassDataset.Write(directory, Classes(2, 2));
        var set = FeatureSource.Create(new BlockMeanBackbone(), dataset.RoiOptions, null).Featurize(dataset.Cases, c => c.RoiPath, [0], false, null, default);
        var malignant = set.Where(c => c.Record.IsMalignant);
        foreach (var (training, validation) in new[] { (malignant, set), (set, malignant) })
        {
            var e = Assert.Throws<DatasetException>(() => ClassifierTrainer.Fit("parts", training, validation, Options, default));
            Assert.Equal("parts: after leaving out unreadable ROIs, a split has only one class", e.Message);
        }
    }

    [Fact]
    public void Augmented_training_without_refit_featurises_the_validation_part_as_is_only_and_logs_the_curve_strongest_first()
    {
        // Five of each class, one of each unreadable (patients 1 and 10 fall in different parts of the split).
        var dataset = TinyMassDataset.Write(directory, Classes(5, 5), unreadable: [1, 10]);
        var backbone = new BlockMeanBackbone();
        var logger = new ListLogger();
        var options = Options with
        {
            TrainingAugmentation = Augmentation.Dihedral, RefitOnAllTrainingData = false, ValidationFraction = 0.5, SkipBadRois = true, Logger = logger,
        };
        var (_, manifest) = ClassifierTrainer.Train(dataset, options, backbone, default);
        var summary = manifest.Training;
        var (training, validation) = PatientSplitter.Split(dataset.Name, dataset.Cases, 0.5, 2);
        Assert.Equal((training.Count, validation.Count), (summary.TrainingRows, summary.ValidationRows));
        static int Readable(List<MassCase> part) => part.Count(c => c.Record.PatientId is not ("P_00001" or "P_00010"));
        Assert.Equal((8 * Readable(training)) + Readable(validation), backbone.Tensors);
        Assert.False(summary.Refitted);

        // Both parts' unreadable rows are reported.
        Assert.Equal([dataset.Cases[0].Record.CaseKey, dataset.Cases[9].Record.CaseKey], summary.Skipped.Select(s => s.CaseKey).Order());
        Assert.Contains(training, c => c.Record.PatientId == "P_00001" || c.Record.PatientId == "P_00010");
        Assert.Contains(validation, c => c.Record.PatientId == "P_00001" || c.Record.PatientId == "P_00010");

        // Five of ten malignant: no majority.
        Assert.Equal((bool?)false, manifest.TrainingMajorityMalignant);
        var curve = logger.Lines.Where(l => l.StartsWith("L2 ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, curve.Count);
        Assert.True(summary.ValidationCurve.Count == 2 && curve[0].StartsWith($"L2 {summary.ValidationCurve[1].Regularization}", StringComparison.Ordinal), curve[0]);
    }

    [Fact]
    public void A_bundle_backbone_trains_on_the_pooled_part()
    {
        var dataset = TinyMassDataset.Write(directory, Classes(4, 4));
        var nested = ClassifierTrainer.Train(dataset, Options with { FeatureRecipes = ["pooled"], RegularizationGrid = [1] }, new BundleBackbone(), default);
        Assert.Equal(("pooled", "pooled"), (nested.Manifest.FeatureRecipe, nested.Manifest.Training.FeatureRecipe));

        var augmented = ClassifierTrainer.Train(
            dataset, Options with { TestTimeAugmentation = Augmentation.Dihedral, ValidationFraction = 0.5, RegularizationGrid = [1] }, new BundleBackbone(), default);
        Assert.Equal("pooled", augmented.Manifest.FeatureRecipe);
        Assert.Same(FeatureRecipe.Pooled, augmented.Scorer.Recipe);
        Assert.Equal(512, augmented.Scorer.FeatureLength);
    }
}
