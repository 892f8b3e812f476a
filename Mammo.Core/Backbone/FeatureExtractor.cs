using Mammo.Preprocessing;
using Mammo.Rois;

namespace Mammo.Backbone;

/// <summary>
/// The one path from ROI files to backbone features: cache look-up, decoding, preprocessing, batched inference.
/// </summary>
/// <remarks>
/// Each batch is decoded and preprocessed on every core, then run through the network on every core. Decoding on a
/// separate thread while the network runs was measured slower on 2 cores (19-24 against 25-33 images/s in the same
/// runs): ONNX Runtime's two intra-op threads wait for whichever one the decoder has pushed off its core, so each
/// network layer runs at the pace of the slower thread. Two phases that each use all cores avoid that.
/// </remarks>
internal sealed class FeatureExtractor(ResNet18Backbone backbone, RoiOptions options, FeatureCache? cache, int batchSize = 16)
{
    /// <summary>Featurises the jobs in order.</summary>
    /// <param name="jobs">The ROI files and transforms.</param>
    /// <param name="onBadRoi">Called with the job index and error for an unusable ROI, whose result is then
    /// <see langword="null"/>; when absent, the first unusable ROI stops the run with its <see cref="RoiFormatException"/>.</param>
    /// <param name="progress">Receives progress after each batch.</param>
    /// <param name="cancellationToken">Stops the run between ROIs.</param>
    public float[]?[] Extract(
        IReadOnlyList<RoiJob> jobs,
        Action<int, RoiFormatException>? onBadRoi = null,
        IProgress<MassProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var results = new float[]?[jobs.Count];
        var tensors = new float[batchSize * RoiPreprocessor.TensorLength];
        var slots = new int[batchSize];
        var keys = new string?[batchSize];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        var next = 0;
        while (next < jobs.Count)
        {
            // Fill one batch with ROIs the cache does not already hold.
            var count = 0;
            while (count < batchSize && next < jobs.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var job = jobs[next];
                var key = cache is not null && File.Exists(job.Path) ? FeatureCache.Key(job.Path, options.Signature, job.Dihedral, backbone.Sha256) : null;
                if (key is not null && cache!.TryGet(key, out var cached))
                {
                    results[next++] = cached;
                    continue;
                }

                slots[count] = next++;
                keys[count++] = key;
            }

            var bad = new RoiFormatException?[count];
            ForEachInParallel(count, parallel, i =>
            {
                try
                {
                    var job = jobs[slots[i]];
                    RoiPreprocessor.Preprocess(
                        RoiReader.Read(job.Path, options), options, job.Dihedral, tensors.AsSpan(i * RoiPreprocessor.TensorLength, RoiPreprocessor.TensorLength));
                }
                catch (RoiFormatException e) when (onBadRoi is not null)
                {
                    bad[i] = e;
                }
            });

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
                    (slots[good], keys[good]) = (slots[i], keys[i]);
                }

                good++;
            }

            if (good > 0)
            {
                var features = backbone.Featurize(tensors.AsSpan(0, good * RoiPreprocessor.TensorLength), good);
                for (var i = 0; i < good; i++)
                {
                    var vector = features.AsSpan(i * ResNet18Backbone.FeatureLength, ResNet18Backbone.FeatureLength).ToArray();
                    results[slots[i]] = vector;
                    if (keys[i] is { } key)
                    {
                        cache!.Set(key, vector);
                    }
                }
            }

            progress?.Report(new MassProgress("featurize", next, jobs.Count));
        }

        return results;
    }

    /// <summary>Runs the body on all cores and rethrows the first error as itself, not wrapped in an AggregateException.</summary>
    private static void ForEachInParallel(int count, ParallelOptions parallel, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, parallel, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
