using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mammo.Data;
using Mammo.Evaluation;
using Mammo.IO;
using Mammo.Synthetic;
using Mammo.Training;

namespace Mammo.Benchmarks.Throughput;

/// <summary>
/// <c>Mammo.Benchmarks bench [--json FILE] [--sizes 200 800 1700]</c>: throughput, latency, memory and scaling, side by
/// side in one run on synthetic HDF5 ROIs of mixed sizes written to disk. It times the raw backbone, which is not public
/// API, so it lives here (with InternalsVisibleTo) rather than in the sample console.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var json = new Option<FileInfo?>("--json") { Description = "Write the figures as JSON to this file." };
        var sizes = new Option<int[]>("--sizes")
        {
            Description = "Dataset sizes (ROIs) for the scaling runs.",
            DefaultValueFactory = _ => [200, 800, 1700],
            AllowMultipleArgumentsPerToken = true,
        };
        sizes.Validators.Add(result =>
        {
            foreach (var size in result.GetValueOrDefault<int[]>() ?? [])
            {
                if (size < 20)
                {
                    result.AddError($"--sizes: {size} is below the smallest scaling run, 20 ROIs");
                }
            }
        });
        var images = new Option<int>("--images") { Description = "ROIs for the throughput figures.", DefaultValueFactory = _ => 256 };
        var command = new Command("bench", "Measure throughput (backbone, Mammo, ML.NET), cached retraining, prediction latency, and time and peak memory per dataset size.")
        {
            json, sizes, images,
        };
        command.SetAction((parse, token) =>
        {
            var work = Path.Combine(Path.GetTempPath(), $"mammo-bench-{Environment.ProcessId}");
            try
            {
                var result = Run(work, parse.GetValue(images), parse.GetValue(sizes)!, token);
                if (parse.GetValue(json) is { } file)
                {
                    AtomicFile.WriteAllText(file.FullName, result.ToJsonString(MammoJson.Options));
                }

                return Task.FromResult(0);
            }
            finally
            {
                if (Directory.Exists(work))
                {
                    Directory.Delete(work, recursive: true);
                }
            }
        });
        return command;
    }

    /// <summary>The hidden verb a scaling run executes in a fresh process, so each size has its own peak memory.</summary>
    public static Command CreateSizeRun()
    {
        var train = new Option<FileInfo>("--train") { Required = true };
        var test = new Option<FileInfo>("--test") { Required = true };
        var roiRoot = new Option<DirectoryInfo>("--roi-root") { Required = true };
        var cache = new Option<string>("--cache") { Required = true };
        var command = new Command("bench-size-run", "Internal: one scaling run of 'bench'.") { train, test, roiRoot, cache };
        command.Hidden = true;
        command.SetAction((parse, token) =>
        {
            var clock = Stopwatch.StartNew();
            var roots = parse.GetValue(roiRoot)!.FullName;
            var trainSet = MassDataset.Load(parse.GetValue(train)!.FullName, roots);
            var testSet = MassDataset.Load(parse.GetValue(test)!.FullName, roots);
            var classifier = MassClassifier.Train(trainSet, new MassClassifierOptions { FeatureCacheDirectory = parse.GetValue(cache) }, token);
            var evaluation = classifier.Evaluate(testSet, new EvaluationOptions { FeatureCacheDirectory = parse.GetValue(cache) }, token);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                rows = trainSet.Count + testSet.Count,
                seconds = clock.Elapsed.TotalSeconds,
                peakRssMb = ThroughputBenchmark.PeakRssMegabytes(),
                auc = evaluation.Rows.Auc,
            }));
            return Task.FromResult(0);
        });
        return command;
    }

    private static JsonObject Run(string work, int images, IReadOnlyList<int> sizes, CancellationToken token)
    {
        Console.Error.WriteLine($"bench: writing {images} synthetic HDF5 ROIs (mixed sizes) to {work}");
        var data = SyntheticCbisDdsm.Generate(Path.Combine(work, "throughput"), new SyntheticOptions { Cases = Math.Max(8, (int)(images / 1.7)), Seed = 7, MinimumSide = 160, MaximumSide = 1000 }, null, token);
        var train = MassDataset.Load(data.Splits[0].CsvPath, data.RoiDirectory);
        var test = MassDataset.Load(data.Splits[1].CsvPath, data.RoiDirectory);
        var all = train;
        var files = train.Cases.Select(c => c.RoiPath).ToList();

        var (backbone, batch, pipeline, pooled, mlnet) = ThroughputBenchmark.Interleaved(files, all, rounds: 3);

        Console.Error.WriteLine("bench: cached retraining");
        var cache = Path.Combine(work, "cache");
        var options = new MassClassifierOptions { FeatureCacheDirectory = cache };
        var classifier = MassClassifier.Train(train, options, token);
        var clock = Stopwatch.StartNew();
        classifier = MassClassifier.Train(train, options, token);
        var cachedRetrain = clock.Elapsed.TotalSeconds;

        Console.Error.WriteLine("bench: single-ROI prediction latency");
        var latencies = new List<double>();
        var sample = test.Cases.Select(c => c.RoiPath).ToList();
        for (var i = 0; i < 10; i++)
        {
            classifier.Predict(sample[i % sample.Count]);
        }

        for (var i = 0; i < 100; i++)
        {
            clock.Restart();
            classifier.Predict(sample[i % sample.Count]);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        var scaling = new JsonArray();
        foreach (var size in sizes)
        {
            Console.Error.WriteLine($"bench: scaling run with {size} ROIs (separate process)");
            scaling.Add(SizeRun(work, size, token));
        }

        var result = new JsonObject
        {
            ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
            ["backboneImagesPerSecond"] = Math.Round(backbone, 2),
            ["backboneBestBatch"] = batch,
            ["pipelineImagesPerSecond"] = Math.Round(pipeline, 2),
            ["pipelinePooledOnlyImagesPerSecond"] = Math.Round(pooled, 2),
            ["mlnetImagesPerSecond"] = Math.Round(mlnet, 2),
            ["pipelineVsBackbone"] = Math.Round(pipeline / backbone, 3),
            ["pipelineVsMlnet"] = Math.Round(pipeline / mlnet, 3),
            ["pooledOnlyVsBackbone"] = Math.Round(pooled / backbone, 3),
            ["cachedRetrainSeconds"] = Math.Round(cachedRetrain, 3),
            ["predictLatencyMsP50"] = Math.Round(Percentile(latencies, 0.5), 2),
            ["predictLatencyMsP99"] = Math.Round(Percentile(latencies, 0.99), 2),
            ["sizes"] = scaling,
        };
        PrintTable(result);
        return result;
    }

    private static JsonNode SizeRun(string work, int size, CancellationToken token)
    {
        var folder = Path.Combine(work, $"size-{size}");
        var data = SyntheticCbisDdsm.Generate(folder, new SyntheticOptions { Cases = Math.Max(8, (int)Math.Round(size / 1.7)), Seed = 11, MinimumSide = 160, MaximumSide = 1000 }, null, token);
        var (program, prefix) = SelfCommand();
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in prefix.Concat(["bench-size-run", "--train", data.Splits[0].CsvPath, "--test", data.Splits[1].CsvPath, "--roi-root", data.RoiDirectory, "--cache", Path.Combine(folder, "cache")]))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the scaling run with {size} ROIs failed (exit code {process.ExitCode})");
        }

        var line = JsonNode.Parse(output.Trim().Split('\n')[^1])!.AsObject();
        return new JsonObject
        {
            ["rois"] = (int)line["rows"]!,
            ["trainPlusEvaluateSeconds"] = Math.Round((double)line["seconds"]!, 2),
            ["peakRssMb"] = Math.Round((double)line["peakRssMb"]!, 1),
        };
    }

    /// <summary>How to start this same program again: the app host, or <c>dotnet mammo.dll</c>.</summary>
    private static (string Program, string[] Prefix) SelfCommand()
    {
        var host = Environment.ProcessPath!;
        var entry = typeof(BenchCommand).Assembly.Location;
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? (host, [entry]) : (host, []);
    }

    private static void PrintTable(JsonObject r)
    {
        Console.WriteLine($"machine                          {r["machine"]}");
        foreach (var name in new[] { "backboneImagesPerSecond", "backboneBestBatch", "pipelineImagesPerSecond", "pipelinePooledOnlyImagesPerSecond", "mlnetImagesPerSecond", "pipelineVsBackbone", "pipelineVsMlnet", "pooledOnlyVsBackbone", "cachedRetrainSeconds", "predictLatencyMsP50", "predictLatencyMsP99" })
        {
            Console.WriteLine($"{name,-32} {r[name]}");
        }

        Console.WriteLine("rois    train+evaluate s    peak RSS MB");
        foreach (var size in r["sizes"]!.AsArray())
        {
            Console.WriteLine($"{size!["rois"],-7} {size["trainPlusEvaluateSeconds"],-19} {size["peakRssMb"]}");
        }
    }

    private static double Percentile(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
