using Mammo.Backbone;
using Mammo.Parallelism;
using Mammo.Preprocessing;
using Mammo.Rois;

namespace Mammo.Featurization;

/// <summary>
/// The one path from ROIs to backbone features, for every caller (training, evaluation, prediction, cross-validation,
/// the benchmark): each ROI's files are read once, the cache key is computed from those very bytes, a cache miss
/// decodes them once for all the transforms asked for, and the network runs on batches.
/// </summary>
/// <remarks>
/// Each batch is read, looked up, decoded and preprocessed on every core, then run through the network on every core.
/// Decoding on a separate thread while the network runs was measured slower on 2 cores (19-24 against 25-33 images/s in
/// the same runs): ONNX Runtime's two intra-op threads wait for whichever one the decoder has pushed off its core, so
/// each network layer runs at the pace of the slower thread. Two phases that each use all cores avoid that. A decoder
/// at a lower OS priority (so that it only fills the network's idle time) was measured too (<c>Mammo.Benchmarks
/// stages</c>, November 2026): at 19 nice steps below it decoded 0.07 ROIs per network image (ONNX Runtime leaves about
/// 1% of the cores idle) and still slowed the network 1-3%; at 9 steps below it decoded 0.72 ROIs per image and slowed
/// the network 14%, about what those decodes cost. Overlap buys nothing while the network keeps every core busy.
/// </remarks>
internal sealed class FeatureSource
{
    private readonly IFeatureBackbone backbone;
    private readonly RoiOptions options;
    private readonly FeatureCache? cache;
    private readonly int batchSize;

    /// <param name="backbone">The network.</param>
    /// <param name="options">How ROI files are read and cropped.</param>
    /// <param name="cache">The on-disk cache, or <see langword="null"/> for none.</param>
    /// <param name="batchSize">Tensors per network call.</param>
    public FeatureSource(IFeatureBackbone backbone, RoiOptions options, FeatureCache? cache, int batchSize = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        this.backbone = backbone;
        this.options = options;
        this.cache = cache;
        this.batchSize = batchSize;
    }

    /// <summary>Makes a source over the cache in <paramref name="cacheDirectory"/>, or none when it is <see langword="null"/>.</summary>
    public static FeatureSource Create(IFeatureBackbone backbone, RoiOptions options, string? cacheDirectory) =>
        new(backbone, options, cacheDirectory is null ? null : new FeatureCache(cacheDirectory, backbone.FeatureLength));

    public IFeatureBackbone Backbone => backbone;

    /// <summary>Gets the dihedral transforms an augmentation setting stands for.</summary>
    public static int[] Transforms(Training.Augmentation augmentation) =>
        augmentation == Training.Augmentation.Dihedral ? [.. Enumerable.Range(0, RoiPreprocessor.DihedralCount)] : [0];

    /// <summary>Featurises every case under every transform.</summary>
    /// <param name="cases">The cases.</param>
    /// <param name="roiPathOf">Where a case's ROI file is.</param>
    /// <param name="transforms">The dihedral transforms (0 = as is).</param>
    /// <param name="skipBad">Whether an unusable ROI is reported in <see cref="FeaturizedSet{TCase}.Failures"/>
    /// rather than stopping the run with its <see cref="RoiFormatException"/>.</param>
    /// <param name="progress">Receives progress after each batch (in ROI-transform pairs).</param>
    /// <param name="cancellationToken">Stops the run between batches.</param>
    public FeaturizedSet<TCase> Featurize<TCase>(
        IReadOnlyList<TCase> cases,
        Func<TCase, string> roiPathOf,
        IReadOnlyList<int> transforms,
        bool skipBad,
        IProgress<MassProgress>? progress,
        CancellationToken cancellationToken)
        where TCase : notnull
    {
        var perCase = transforms.Count;
        var results = new float[cases.Count * perCase][];
        var failures = new RoiFormatException?[cases.Count];
        var chunk = Math.Max(1, batchSize / perCase);
        var tensors = new float[chunk * perCase * RoiPreprocessor.TensorLength];
        var geometries = new Features.LesionGeometry[chunk * perCase];
        var keys = new string?[chunk * perCase];
        for (var start = 0; start < cases.Count; start += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(chunk, cases.Count - start);
            Array.Clear(keys);
            ParallelWork.For(count, cancellationToken, i =>
            {
                var c = start + i;
                try
                {
                    Load(roiPathOf(cases[c]), transforms, results.AsSpan(c * perCase, perCase), keys.AsSpan(i * perCase, perCase), tensors.AsSpan(i * perCase * RoiPreprocessor.TensorLength, perCase * RoiPreprocessor.TensorLength), geometries.AsSpan(i * perCase, perCase));
                }
                catch (RoiFormatException e) when (skipBad)
                {
                    failures[c] = e;
                }
            });

            // The tensors of cache misses are closed up, so the network sees only those.
            var pending = new List<int>(count * perCase);
            for (var slot = 0; slot < count * perCase; slot++)
            {
                if (failures[start + (slot / perCase)] is null && results[(start * perCase) + slot] is null)
                {
                    if (pending.Count != slot)
                    {
                        tensors.AsSpan(slot * RoiPreprocessor.TensorLength, RoiPreprocessor.TensorLength)
                            .CopyTo(tensors.AsSpan(pending.Count * RoiPreprocessor.TensorLength));
                        geometries[pending.Count] = geometries[slot];
                    }

                    pending.Add(slot);
                }
            }

            if (pending.Count > 0)
            {
                var features = backbone.Featurize(tensors.AsSpan(0, pending.Count * RoiPreprocessor.TensorLength), geometries.AsSpan(0, pending.Count), pending.Count);
                var length = backbone.FeatureLength;
                for (var p = 0; p < pending.Count; p++)
                {
                    var vector = features.AsSpan(p * length, length).ToArray();
                    results[(start * perCase) + pending[p]] = vector;
                    if (keys[pending[p]] is { } key)
                    {
                        cache!.Set(key, vector);
                    }
                }
            }

            progress?.Report(new MassProgress("featurize", (start + count) * perCase, cases.Count * perCase));
        }

        var good = new List<TCase>(cases.Count);
        var vectors = new List<float[]>(results.Length);
        var bad = new List<(TCase, RoiFormatException)>();
        for (var c = 0; c < cases.Count; c++)
        {
            if (failures[c] is { } error)
            {
                bad.Add((cases[c], error));
                continue;
            }

            good.Add(cases[c]);
            vectors.AddRange(results.AsSpan(c * perCase, perCase));
        }

        return new FeaturizedSet<TCase>(good, transforms, [.. vectors], bad);
    }

    /// <summary>Featurises one decoded ROI (a file or pixels in memory) under each transform, without the cache.</summary>
    public float[][] Featurize(RoiImage roi, IReadOnlyList<int> transforms)
    {
        var tensors = new float[transforms.Count * RoiPreprocessor.TensorLength];
        var geometries = transforms.Select(t => Features.LesionGeometry.Of(roi, options, t)).ToArray();
        for (var t = 0; t < transforms.Count; t++)
        {
            RoiPreprocessor.Preprocess(roi, options, transforms[t], tensors.AsSpan(t * RoiPreprocessor.TensorLength, RoiPreprocessor.TensorLength));
        }

        var features = backbone.Featurize(tensors, geometries, transforms.Count);
        var length = backbone.FeatureLength;
        return [.. Enumerable.Range(0, transforms.Count).Select(t => features.AsSpan(t * length, length).ToArray())];
    }

    /// <summary>Reads one ROI's files once; fills what the cache holds, else decodes once and preprocesses each missing transform.</summary>
    private void Load(string path, IReadOnlyList<int> transforms, Span<float[]> results, Span<string?> keys, Span<float> tensors, Span<Features.LesionGeometry> geometries)
    {
        var files = RoiReader.ReadFiles(path, options);
        var missing = transforms.Count;
        if (cache is not null)
        {
            var content = FeatureCache.ContentHash(files);
            missing = 0;
            for (var t = 0; t < transforms.Count; t++)
            {
                var key = FeatureCache.Key(content, options.Signature, transforms[t], backbone.Sha256);
                if (cache.TryGet(key, out var cached))
                {
                    results[t] = cached;
                }
                else
                {
                    keys[t] = key;
                    missing++;
                }
            }
        }

        if (missing == 0)
        {
            return;
        }

        var roi = RoiReader.Decode(files, options);
        float[]? plane = null; // resampled once for all the transforms still missing
        for (var t = 0; t < transforms.Count; t++)
        {
            if (results[t] is null)
            {
                plane ??= RoiPreprocessor.Resample(roi, options);
                RoiPreprocessor.Write(plane, transforms[t], tensors.Slice(t * RoiPreprocessor.TensorLength, RoiPreprocessor.TensorLength));
                geometries[t] = Features.LesionGeometry.Of(roi, options, transforms[t]);
            }
        }
    }
}
