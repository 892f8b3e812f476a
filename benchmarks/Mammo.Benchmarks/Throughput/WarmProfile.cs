using System.Diagnostics;
using Mammo.Backbone;
using Mammo.Data;
using Mammo.Featurization;
using Mammo.Heads;
using Mammo.Training;

namespace Mammo.Benchmarks.Throughput;

/// <summary>
/// <c>Mammo.Benchmarks warm TRAIN.csv ROI_ROOT CACHE</c>: where a training run with a warm feature cache spends its time,
/// phase by phase in one process (start-up excluded): loading the CSV, the backbone's hash, the cache lookups, the head
/// search, the final ML.NET head, the whole <see cref="MassClassifier.Train"/> again and the save.
/// </summary>
internal static class WarmProfile
{
    public const string Verb = "warm";

    public static int Run(string[] args)
    {
        var clock = Stopwatch.StartNew();
        void Mark(string phase)
        {
            Console.WriteLine($"{phase,-40} {clock.Elapsed.TotalMilliseconds,8:F0} ms");
            clock.Restart();
        }

        var dataset = MassDataset.Load(args[1], args[2]);
        Mark("load CSV");
        var backbone = ResNet18StageRunner.Shared;
        Mark("backbone (hash, mean image)");
        var options = new MassClassifierOptions { FeatureCacheDirectory = args[3] };
        var source = FeatureSource.Create(backbone, dataset.RoiOptions, options.FeatureCacheDirectory);
        Mark("open cache");
        var set = source.Featurize(dataset.Cases, i => i.RoiPath, [0], false, null, default);
        Mark($"featurise {set.Count} (warm)");
        set = source.Featurize(dataset.Cases, i => i.RoiPath, [0], false, null, default);
        Mark($"featurise {set.Count} (warm, again)");
        var data = HeadData.From(set, [0]);
        var (scorer, head) = ClassifierTrainer.FitNested(data, options, backbone, default);
        Mark($"head search + ML.NET head ({head.Candidate})");
        (scorer, head) = ClassifierTrainer.FitNested(data, options, backbone, default);
        Mark("head search + ML.NET head (again)");
        var recipe = head.Candidate.Recipe;
        var vectors = recipe.Apply(data.Vectors);
        foreach (var c in new[] { 0.1, 1, 10 })
        {
            _ = new KernelLogisticFitter().Fit(vectors, data.Labels, c)(vectors);
            Mark($"one exact fit + score, {vectors.Length} rows, L2 {c}");
        }

        var ml = new Microsoft.ML.MLContext(options.Seed);
        _ = HeadPipeline.Fit(ml, options.Trainer, HeadPipeline.TrainerRegularization(options.Trainer, 0.1, vectors.Length), vectors, data.Labels, options.BalanceClasses);
        Mark("ML.NET head fit");
        var classifier = MassClassifier.Train(dataset, options);
        Mark("MassClassifier.Train (all of it)");
        classifier = MassClassifier.Train(dataset, options);
        Mark("MassClassifier.Train (again)");
        var path = Path.Combine(Path.GetTempPath(), $"mammo-warm-{Environment.ProcessId}.zip");
        classifier.Save(path);
        Mark("save");
        _ = MassClassifier.Load(path);
        Mark("load model");
        File.Delete(path);
        return 0;
    }
}
