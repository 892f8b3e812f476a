using System.Diagnostics;
using Mammo.Backbone;
using Mammo.Features;
using Mammo.Preprocessing;
using Mammo.Rois;
using Mammo.Synthetic;

namespace Mammo.Benchmarks.Throughput;

/// <summary>
/// <c>Mammo.Benchmarks stages [images]</c>: where the time of Mammo's path goes, step by step on one thread (read the
/// bytes, decode, preprocess, geometry) and per batch of 16 through the network (pooled only, and with the stage maps,
/// then the pooling of the bundle), on the same synthetic ROIs as <c>bench</c>. Milliseconds per image.
/// </summary>
internal static class StageProfile
{
    public const string Verb = "stages";

    public const string ThroughputVerb = "throughput";

    public const string BackboneTimeVerb = "backbone-time";

    /// <summary>
    /// <c>backbone-time ROI_FOLDER IMAGES</c>: the wall time the raw backbone needs for that many images (ready tensors
    /// made from the folder's first 32 ROIs, its best batch of 1/8/16/32), the yardstick of a cold-cache run.
    /// </summary>
    public static int BackboneTime(string[] args)
    {
        var files = Directory.EnumerateFiles(args[1], "*.h5").Order(StringComparer.Ordinal).Take(64).ToList();
        var images = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        var start = Stopwatch.StartNew();
        var tensor = new float[RoiPreprocessor.TensorLength];
        ResNet18StageRunner.Shared.Run(tensor, 1);
        Console.WriteLine($"stage runner: backbone hash, session creation and a first image {start.Elapsed.TotalSeconds:F2} s");
        var (_, batch) = ThroughputBenchmark.Backbone(files, 64);
        var clock = Stopwatch.StartNew();
        var (rate, _) = ThroughputBenchmark.Backbone(files, images, batch);
        Console.WriteLine($"raw backbone: {images} images in {clock.Elapsed.TotalSeconds:F1} s at batch {batch} ({rate:F2} images/s)");
        return 0;
    }

    /// <summary><c>throughput [images] [rounds]</c>: only the interleaved rates of <c>bench</c> without ML.NET (a quick check while tuning).</summary>
    public static int Throughput(string[] args)
    {
        var images = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 256;
        var rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var work = Path.Combine(Path.GetTempPath(), $"mammo-throughput-{Environment.ProcessId}");
        try
        {
            var data = SyntheticCbisDdsm.Generate(work, new SyntheticOptions { Cases = Math.Max(8, (int)(images / 1.7)), Seed = 7, MinimumSide = 160, MaximumSide = 1000 }, null, default);
            var train = Mammo.Data.MassDataset.Load(data.Splits[0].CsvPath, data.RoiDirectory);
            var (backbone, batch, pipeline, pooled, _) = ThroughputBenchmark.Interleaved([.. train.Cases.Select(c => c.RoiPath)], train, rounds, includeMlNet: false);
            Console.WriteLine($"backbone {backbone:F2} (batch {batch}), pipeline {pipeline:F2} ({pipeline / backbone:F3}), pooled-only pipeline {pooled:F2} ({pooled / backbone:F3}); GC pause {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms, gen2 {GC.CollectionCount(2)}");
            return 0;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    public static int Run(string[] args)
    {
        var images = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 256;
        var work = Path.Combine(Path.GetTempPath(), $"mammo-stages-{Environment.ProcessId}");
        try
        {
            var data = SyntheticCbisDdsm.Generate(work, new SyntheticOptions { Cases = Math.Max(8, (int)(images / 1.7)), Seed = 7, MinimumSide = 160, MaximumSide = 1000 }, null, default);
            var files = Mammo.Data.MassDataset.Load(data.Splits[0].CsvPath, data.RoiDirectory).Cases.Select(c => c.RoiPath).ToList();
            var options = RoiOptions.Default;
            static double PerImage(Stopwatch w, int n) => w.Elapsed.TotalMilliseconds / n;
            var read = new Stopwatch();
            var hash = new Stopwatch();
            var decode = new Stopwatch();
            var preprocess = new Stopwatch();
            var tensors = new float[files.Count * RoiPreprocessor.TensorLength];
            var geometries = new LesionGeometry[files.Count];
            for (var pass = 0; pass < 2; pass++)
            {
                foreach (var watch in new[] { read, hash, decode, preprocess })
                {
                    watch.Reset();
                }

                for (var i = 0; i < files.Count; i++)
                {
                    read.Start();
                    var bytes = RoiReader.ReadFiles(files[i], options);
                    read.Stop();
                    hash.Start();
                    _ = FeatureCache.ContentHash(bytes);
                    hash.Stop();
                    decode.Start();
                    var roi = RoiReader.Decode(bytes, options);
                    decode.Stop();
                    preprocess.Start();
                    RoiPreprocessor.Preprocess(roi, options, 0, tensors.AsSpan(i * RoiPreprocessor.TensorLength, RoiPreprocessor.TensorLength));
                    geometries[i] = LesionGeometry.Of(roi, options, 0);
                    preprocess.Stop();
                }
            }

            // The decode broken down (HDF5 uint8 H x W x 2 as the generator writes): PureHDF's read, the image channel to
            // floats, the mask's box, the min-max stretch.
            var h5 = new Stopwatch();
            var convert = new Stopwatch();
            var mask = new Stopwatch();
            var stretch = new Stopwatch();
            foreach (var file in files)
            {
                var bytes = File.ReadAllBytes(file);
                h5.Start();
                byte[] samples;
                int height, width;
                using (var h = PureHDF.H5File.Open(new MemoryStream(bytes, writable: false), leaveOpen: false))
                {
                    var dataset = (PureHDF.VOL.Native.NativeDataset)h.Get(options.DatasetName);
                    height = (int)dataset.Space.Dimensions[0];
                    width = (int)dataset.Space.Dimensions[1];
                    samples = dataset.Read<byte[]>();
                }

                h5.Stop();
                convert.Start();
                var image = new float[height * width];
                for (int i = 0, offset = 0; i < image.Length; i++, offset += 2)
                {
                    image[i] = float.CreateTruncating(samples[offset]);
                }

                convert.Stop();
                mask.Start();
                var lesion = LesionBounds.Find<byte>(samples, width, 2, 1);
                mask.Stop();
                stretch.Start();
                _ = RoiImage.FromSamples(file, width, height, image, lesion);
                stretch.Stop();
            }

            Console.WriteLine($"decode parts: PureHDF read {PerImage(h5, files.Count):F2} ms, image to float {PerImage(convert, files.Count):F2}, mask box {PerImage(mask, files.Count):F2}, min-max stretch {PerImage(stretch, files.Count):F2}");
            const int batch = 16;
            var usable = files.Count / batch * batch;
            var pooled = new Stopwatch();
            var staged = new Stopwatch();
            var bundle = new Stopwatch();
            ResNet18Backbone.Shared.Featurize(tensors.AsSpan(0, batch * RoiPreprocessor.TensorLength), batch);
            ResNet18StageRunner.Shared.Run(tensors.AsSpan(0, batch * RoiPreprocessor.TensorLength), batch);
            for (var start = 0; start < usable; start += batch)
            {
                var span = tensors.AsSpan(start * RoiPreprocessor.TensorLength, batch * RoiPreprocessor.TensorLength);
                pooled.Start();
                ResNet18Backbone.Shared.Featurize(span, batch);
                pooled.Stop();
                staged.Start();
                var outputs = ResNet18StageRunner.Shared.Run(span, batch);
                staged.Stop();
                bundle.Start();
                for (var i = 0; i < batch; i++)
                {
                    _ = FeatureBundle.Build(outputs, i, geometries[start + i]);
                }

                bundle.Stop();
            }

            Console.WriteLine($"images {files.Count}; one thread: read {PerImage(read, files.Count):F2} ms, hash {PerImage(hash, files.Count):F2}, decode {PerImage(decode, files.Count):F2}, preprocess+geometry {PerImage(preprocess, files.Count):F2}");
            Console.WriteLine($"network, batch {batch}, all cores: pooled only {PerImage(pooled, usable):F2} ms, with stage maps {PerImage(staged, usable):F2}; bundle pooling (one thread) {PerImage(bundle, usable):F2}");
            // Batch size, interleaved rounds: the network with the stage maps at 8, 16 and 32 images a call.
            var perBatch = new Dictionary<int, List<double>> { [8] = [], [16] = [], [32] = [] };
            for (var round = 0; round < 3; round++)
            {
                foreach (var size in perBatch.Keys)
                {
                    var limit = files.Count / size * size;
                    var watch = Stopwatch.StartNew();
                    for (var start = 0; start < limit; start += size)
                    {
                        ResNet18StageRunner.Shared.Run(tensors.AsSpan(start * RoiPreprocessor.TensorLength, size * RoiPreprocessor.TensorLength), size);
                    }

                    perBatch[size].Add(watch.Elapsed.TotalMilliseconds / limit);
                }
            }

            Console.WriteLine("network with stage maps, ms/image by batch: " + string.Join(", ", perBatch.Select(p => $"{p.Key}: {string.Join(" / ", p.Value.Select(v => v.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}")));

            // Gap filling: the network alone, then with a low-priority thread decoding and preprocessing all the while.
            var alone = Stopwatch.StartNew();
            for (var start = 0; start < usable; start += batch)
            {
                ResNet18StageRunner.Shared.Run(tensors.AsSpan(start * RoiPreprocessor.TensorLength, batch * RoiPreprocessor.TensorLength), batch);
            }

            var aloneMs = alone.Elapsed.TotalMilliseconds / usable;
            var stop = 0;
            var decoded = 0;
            var niceArg = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 19;
            var worker = new Thread(() =>
            {
                LowPriority.Lower(niceArg);
                var tensor = new float[RoiPreprocessor.TensorLength];
                for (var i = 0; Volatile.Read(ref stop) == 0; i++)
                {
                    var roi = RoiReader.Read(files[i % files.Count], options);
                    RoiPreprocessor.Preprocess(roi, options, 0, tensor);
                    Interlocked.Increment(ref decoded);
                }
            });
            worker.Start();
            var together = Stopwatch.StartNew();
            for (var start = 0; start < usable; start += batch)
            {
                ResNet18StageRunner.Shared.Run(tensors.AsSpan(start * RoiPreprocessor.TensorLength, batch * RoiPreprocessor.TensorLength), batch);
            }

            var togetherMs = together.Elapsed.TotalMilliseconds / usable;
            Volatile.Write(ref stop, 1);
            worker.Join();
            Console.WriteLine($"network alone {aloneMs:F2} ms/image; beside a decoder at nice +{niceArg}: {togetherMs:F2} ms/image, decoder did {decoded} ROIs meanwhile ({(double)decoded / usable:F2} per network image)");
            Console.WriteLine($"GC pause total {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms");
            Console.WriteLine($"gen0/1/2 collections: {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
            return 0;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }
}
