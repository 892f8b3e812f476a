using System.Collections.Concurrent;
using Mammo.Preprocessing;
using Mammo.Rois;

namespace Mammo.Backbone;

/// <summary>One ROI file to featurise, under one dihedral transform (0 = as is).</summary>
internal readonly record struct RoiJob(string Path, int Dihedral = 0);

/// <summary>
/// The one path from ROI files to backbone features: cache look-up, decoding, preprocessing, batched inference.
/// Decoding and preprocessing run on a second thread, one batch ahead of the network.
/// </summary>
internal sealed class FeatureExtractor(ResNet18Backbone backbone, RoiOptions options, FeatureCache? cache, int batchSize = 16)
{
    /// <summary>Featurises the jobs in order.</summary>
    /// <param name="jobs">The ROI files and transforms.</param>
    /// <param name="onBadRoi">Called with the job index and error for an unusable ROI, whose result is then
    /// <see langword="null"/>; when absent, the first unusable ROI stops the run with its <see cref="RoiFormatException"/>.</param>
    /// <param name="progress">Receives progress after each batch.</param>
    /// <param name="cancellationToken">Stops the run between batches.</param>
    public float[]?[] Extract(
        IReadOnlyList<RoiJob> jobs,
        Action<int, RoiFormatException>? onBadRoi = null,
        IProgress<MassProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var results = new float[]?[jobs.Count];
        var done = 0;
        using var batches = new BlockingCollection<Batch>(boundedCapacity: 2);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => Produce(jobs, results, batches, onBadRoi, stop.Token), stop.Token);
        try
        {
            foreach (var batch in batches.GetConsumingEnumerable(stop.Token))
            {
                var features = batch.Count == 0
                    ? []
                    : backbone.Featurize(batch.Tensors.AsSpan(0, batch.Count * RoiPreprocessor.TensorLength), batch.Count);
                for (var i = 0; i < batch.Count; i++)
                {
                    var vector = features.AsSpan(i * ResNet18Backbone.FeatureLength, ResNet18Backbone.FeatureLength).ToArray();
                    results[batch.Indices[i]] = vector;
                    if (batch.Keys[i] is { } key)
                    {
                        cache!.Set(key, vector);
                    }
                }

                done += batch.Count + batch.Settled;
                progress?.Report(new MassProgress("featurize", done, jobs.Count));
            }

            producer.GetAwaiter().GetResult();
            progress?.Report(new MassProgress("featurize", jobs.Count, jobs.Count));
        }
        catch (OperationCanceledException) when (producer.IsFaulted)
        {
            producer.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            try
            {
                producer.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // The producer's own error, if any, has been rethrown above.
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return results;
    }

    private void Produce(
        IReadOnlyList<RoiJob> jobs, float[]?[] results, BlockingCollection<Batch> batches, Action<int, RoiFormatException>? onBadRoi, CancellationToken token)
    {
        try
        {
            var batch = new Batch(batchSize);
            for (var index = 0; index < jobs.Count; index++)
            {
                token.ThrowIfCancellationRequested();
                var job = jobs[index];
                string? key = null;
                if (cache is not null && File.Exists(job.Path))
                {
                    key = FeatureCache.Key(job.Path, options.Signature, job.Dihedral, backbone.Sha256);
                    if (cache.TryGet(key, out var cached))
                    {
                        results[index] = cached;
                        batch.Settled++;
                        continue;
                    }
                }

                try
                {
                    var roi = RoiReader.Read(job.Path, options);
                    RoiPreprocessor.Preprocess(
                        roi, options, job.Dihedral, batch.Tensors.AsSpan(batch.Count * RoiPreprocessor.TensorLength, RoiPreprocessor.TensorLength));
                }
                catch (RoiFormatException e) when (onBadRoi is not null)
                {
                    onBadRoi(index, e);
                    batch.Settled++;
                    continue;
                }

                batch.Indices[batch.Count] = index;
                batch.Keys[batch.Count] = key;
                batch.Count++;
                if (batch.Count == batchSize)
                {
                    batches.Add(batch, token);
                    batch = new Batch(batchSize);
                }
            }

            if (batch.Count > 0 || batch.Settled > 0)
            {
                batches.Add(batch, token);
            }
        }
        finally
        {
            batches.CompleteAdding();
        }
    }

    private sealed class Batch(int capacity)
    {
        public float[] Tensors { get; } = new float[capacity * RoiPreprocessor.TensorLength];

        public int[] Indices { get; } = new int[capacity];

        public string?[] Keys { get; } = new string?[capacity];

        public int Count { get; set; }

        /// <summary>Gets or sets how many jobs before this batch's end were settled without the network (cached or bad).</summary>
        public int Settled { get; set; }
    }
}
