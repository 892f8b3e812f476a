using System.Collections.Concurrent;
using System.Diagnostics;
using Mammo.Data;
using Mammo.Training;
using Mammo.Synthetic;

namespace Mammo.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- soak [predictions] [threads] [model.zip]</c>: many single-ROI predictions from several
/// threads on one loaded model, through the public API only (<see cref="MassClassifier.Load"/> and
/// <see cref="MassClassifier.Predict(string)"/>). Checks every result against a sequential prediction of the same ROI and
/// prints the process's memory after warm-up, so a leak or a thread-safety fault shows as numbers.
/// </summary>
internal static class SoakRunner
{
    public static int Run(string[] args)
    {
        var predictions = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
        var threads = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 8;
        var root = Path.Combine(Path.GetTempPath(), "mammo-soak");
        var data = SyntheticCbisDdsm.Generate(Path.Combine(root, "data"), new SyntheticOptions { Cases = 60, Seed = 5, MinimumSide = 160, MaximumSide = 400 });
        var modelPath = args.Length > 3 ? args[3] : Path.Combine(root, "model.zip");
        if (args.Length <= 3)
        {
            var train = MassDataset.Load(data.Splits[0].CsvPath, data.RoiDirectory);
            MassClassifier.Train(train, new MassClassifierOptions { Seed = 5 }).Save(modelPath);
        }

        var model = MassClassifier.Load(modelPath);
        var rois = Directory.GetFiles(data.RoiDirectory, "*.h5").Order(StringComparer.Ordinal).Take(64).ToArray();
        Console.WriteLine($"soak: {predictions} predictions, {threads} threads, {rois.Length} distinct ROIs, model {modelPath}");

        // The reference: each ROI predicted once, on one thread.
        var sequential = rois.ToDictionary(r => r, r => model.Predict(r).Probability, StringComparer.Ordinal);

        var process = Process.GetCurrentProcess();
        var samples = new ConcurrentQueue<(int Done, long WorkingSet, long Managed)>();
        var done = 0;
        var mismatches = 0;
        var warmUp = Math.Min(predictions / 10, 2_000);
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            while (true)
            {
                var n = Interlocked.Increment(ref done) - 1;
                if (n >= predictions)
                {
                    return;
                }

                var roi = rois[(n * 7 + t) % rois.Length];
                if (model.Predict(roi).Probability != sequential[roi])
                {
                    Interlocked.Increment(ref mismatches);
                }

                if (n >= warmUp && n % 500 == 0)
                {
                    lock (process)
                    {
                        process.Refresh();
                        samples.Enqueue((n, process.WorkingSet64, GC.GetTotalMemory(false)));
                    }
                }

                if (n > 0 && n % 2_000 == 0)
                {
                    Console.WriteLine($"  {n} predictions, {stopwatch.Elapsed.TotalSeconds:F0} s");
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        stopwatch.Stop();

        var points = samples.OrderBy(s => s.Done).ToList();
        const double MiB = 1024 * 1024;
        Console.WriteLine($"predictions: {predictions} in {stopwatch.Elapsed.TotalSeconds:F1} s ({predictions / stopwatch.Elapsed.TotalSeconds:F1}/s)");
        Console.WriteLine($"mismatches against sequential: {mismatches}");
        if (points.Count > 0)
        {
            var first = points[0];
            var last = points[^1];
            Console.WriteLine($"working set after warm-up ({first.Done} predictions): {first.WorkingSet / MiB:F0} MiB; min {points.Min(p => p.WorkingSet) / MiB:F0}, max {points.Max(p => p.WorkingSet) / MiB:F0}, last {last.WorkingSet / MiB:F0} MiB ({points.Count} samples)");
            Console.WriteLine($"working-set growth from warm-up to the end: {(last.WorkingSet - first.WorkingSet) / MiB:F1} MiB; spread (max - min): {(points.Max(p => p.WorkingSet) - points.Min(p => p.WorkingSet)) / MiB:F1} MiB");
            Console.WriteLine($"managed heap: min {points.Min(p => p.Managed) / MiB:F0}, max {points.Max(p => p.Managed) / MiB:F0} MiB");
            Console.WriteLine($"flat within 50 MiB: {(points.Max(p => p.WorkingSet) - first.WorkingSet) / MiB <= 50}");
        }

        return mismatches == 0 ? 0 : 1;
    }
}
