using Mammo.Backbone;
using Mammo.Preprocessing;
using Mammo.Rois;

namespace Mammo.Features;

/// <summary>
/// From ROI files to <see cref="FeatureBundle"/>s: cache look-up, decoding, preprocessing, one batched pass of the
/// network with its stage maps, pooling. Every feature recipe is then derived from the bundles without the network.
/// </summary>
/// <remarks>Decoding runs on every core, then the network runs on every core (see <see cref="FeatureExtractor"/> for why).</remarks>
internal sealed class BundleExtractor(ResNet18StageRunner runner, RoiOptions options, FeatureCache? cache, int batchSize = 16)
{
    /// <summary>Makes the cache that holds bundles in <paramref name="directory"/>.</summary>
    public static FeatureCache Cache(string directory) => new(directory, FeatureBundle.Length);

    /// <summary>Featurises the jobs in order; an unusable ROI stops the run, or is reported to <paramref name="onBadRoi"/> and gives <see langword="null"/>.</summary>
    public float[]?[] Extract(
        IReadOnlyList<RoiJob> jobs,
        Action<int, RoiFormatException>? onBadRoi = null,
        IProgress<MassProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var results = new float[]?[jobs.Count];
        var tensors = new float[batchSize * RoiPreprocessor.TensorLength];
        var geometries = new LesionGeometry[batchSize];
        var slots = new int[batchSize];
        var keys = new string?[batchSize];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        var signature = $"{options.Signature};{FeatureBundle.Version}";
        var next = 0;
        while (next < jobs.Count)
        {
            var count = 0;
            while (count < batchSize && next < jobs.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var job = jobs[next];
                var key = cache is not null && File.Exists(job.Path) ? FeatureCache.Key(job.Path, signature, job.Dihedral, runner.Sha256) : null;
                if (key is not null && cache!.TryGet(key, out var cached))
                {
                    results[next++] = cached;
                    continue;
                }

                slots[count] = next++;
                keys[count++] = key;
            }

            var bad = new RoiFormatException?[count];
            try
            {
                Parallel.For(0, count, parallel, i =>
                {
                    try
                    {
                        var job = jobs[slots[i]];
                        var roi = RoiReader.Read(job.Path, options);
                        geometries[i] = LesionGeometry.Of(roi, options, job.Dihedral);
                        RoiPreprocessor.Preprocess(roi, options, job.Dihedral, tensors.AsSpan(i * RoiPreprocessor.TensorLength, RoiPreprocessor.TensorLength));
                    }
                    catch (RoiFormatException e) when (onBadRoi is not null)
                    {
                        bad[i] = e;
                    }
                });
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }

            // Bad ROIs are reported and their slots closed up, so the network sees only good tensors.
            var good = 0;
            for (var i = 0; i < count; i++)
            {
                if (bad[i] is { } error)
                {
                    onBadRoi!(slots[i], error);
                    continue;
                }

                if (good != i)
                {
                    tensors.AsSpan(i * RoiPreprocessor.TensorLength, RoiPreprocessor.TensorLength).CopyTo(tensors.AsSpan(good * RoiPreprocessor.TensorLength));
                    (slots[good], keys[good], geometries[good]) = (slots[i], keys[i], geometries[i]);
                }

                good++;
            }

            if (good > 0)
            {
                var outputs = runner.Run(tensors.AsSpan(0, good * RoiPreprocessor.TensorLength), good);
                for (var i = 0; i < good; i++)
                {
                    var bundle = FeatureBundle.Build(outputs, i, geometries[i]);
                    results[slots[i]] = bundle;
                    if (keys[i] is { } key)
                    {
                        cache!.Set(key, bundle);
                    }
                }
            }

            progress?.Report(new MassProgress("featurize", next, jobs.Count));
        }

        return results;
    }
}
