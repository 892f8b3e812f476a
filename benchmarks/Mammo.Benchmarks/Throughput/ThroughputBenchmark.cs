using System.Diagnostics;
using Mammo.Backbone;
using Mammo.Data;
using Mammo.Featurization;
using Mammo.Preprocessing;
using Mammo.Rois;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Mammo.Benchmarks.Throughput;

/// <summary>
/// The throughput figures of <c>mammo bench</c>, each measured in this process on the same ROI files, so that the
/// ratios compare like with like on a shared machine.
/// </summary>
internal static class ThroughputBenchmark
{
    /// <summary>
    /// Runs the three throughput measurements in turn, <paramref name="rounds"/> times, and returns each one's median: on a
    /// shared machine the load drifts, and interleaving exposes every path to the same drift.
    /// </summary>
    public static (double Backbone, int Batch, double Pipeline, double PooledPipeline, double MlNet) Interleaved(IReadOnlyList<string> files, MassDataset dataset, int rounds, bool includeMlNet = true)
    {
        var (_, batch) = Backbone(files, Math.Min(files.Count, 64));
        var backbone = new List<double>();
        var pipeline = new List<double>();
        var pooled = new List<double>();
        var mlnet = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            Console.Error.WriteLine($"bench: throughput round {round + 1}/{rounds}");
            backbone.Add(Backbone(files, files.Count, batch).ImagesPerSecond);
            pipeline.Add(Pipeline(files, ResNet18StageRunner.Shared));
            pooled.Add(Pipeline(files, ResNet18Backbone.Shared));
            mlnet.Add(includeMlNet ? MlNet(dataset) : double.NaN);
        }

        return (Median(backbone), batch, Median(pipeline), Median(pooled), Median(mlnet));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The raw ONNX Runtime session on ready tensors, at the best of a few batch sizes (or the one given).</summary>
    public static (double ImagesPerSecond, int BatchSize) Backbone(IReadOnlyList<string> files, int images, int? onlyBatch = null)
    {
        var backbone = ResNet18Backbone.Shared;
        var tensors = new float[32 * RoiPreprocessor.TensorLength];
        for (var i = 0; i < 32; i++)
        {
            RoiPreprocessor.Preprocess(RoiReader.Read(files[i % files.Count], RoiOptions.Default), RoiOptions.Default, 0, tensors.AsSpan(i * RoiPreprocessor.TensorLength, RoiPreprocessor.TensorLength));
        }

        var best = (Rate: 0.0, Batch: 1);
        foreach (var batch in onlyBatch is { } b ? [b] : new[] { 1, 8, 16, 32 })
        {
            backbone.Featurize(tensors.AsSpan(0, batch * RoiPreprocessor.TensorLength), batch);
            var clock = Stopwatch.StartNew();
            var done = 0;
            while (done < images)
            {
                backbone.Featurize(tensors.AsSpan(0, batch * RoiPreprocessor.TensorLength), batch);
                done += batch;
            }

            var rate = done / clock.Elapsed.TotalSeconds;
            if (rate > best.Rate)
            {
                best = (rate, batch);
            }
        }

        return best;
    }

    /// <summary>
    /// Mammo's own path: ROI files on disk to features (decode, crop, resample, batch, infer), no cache. With
    /// <see cref="ResNet18StageRunner"/> it is what training, evaluation and prediction run (pooled features plus the
    /// stage-3 and stage-4 maps pooled into a bundle); with <see cref="ResNet18Backbone"/> only the 512 pooled features.
    /// </summary>
    public static double Pipeline(IReadOnlyList<string> files, IFeatureBackbone network)
    {
        var source = new FeatureSource(network, RoiOptions.Default, cache: null);
        source.Featurize(files.Take(16).ToList(), f => f, [0], skipBad: false, progress: null, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        source.Featurize(files, f => f, [0], skipBad: false, progress: null, CancellationToken.None);
        return files.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The peer: the same ROIs as ML.NET's <c>DnnFeaturizeImage</c> ResNet18 transform with its defaults sees them, fed
    /// from Mammo's streaming IDataView, as an ML.NET user would write it.
    /// </summary>
    public static double MlNet(MassDataset dataset)
    {
        var ml = new MLContext(1);
        var view = dataset.ToDataView();
        var pipeline = ml.Transforms.DnnFeaturizeImage("Features", m => m.ModelSelector.ResNet18(ml, m.OutputColumn, m.InputColumn), "Pixels");
        var model = pipeline.Fit(view);
        _ = model.Transform(ml.Data.TakeRows(view, 8)).GetColumn<float[]>("Features").Count();
        var clock = Stopwatch.StartNew();
        var count = model.Transform(view).GetColumn<float[]>("Features").Count();
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The process's peak resident set so far, in MB (VmHWM on Linux).</summary>
    public static double PeakRssMegabytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null && double.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kilobytes))
            {
                return kilobytes / 1024;
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
