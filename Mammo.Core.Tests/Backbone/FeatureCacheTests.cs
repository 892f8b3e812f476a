using Mammo.Backbone;
using Mammo.Rois;
using Mammo.Tests.Support;

namespace Mammo.Tests.Backbone;

public sealed class FeatureCacheTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Stores_and_returns_features_and_rebuilds_a_damaged_entry()
    {
        var cache = new FeatureCache(directory.File("cache"));
        var features = Enumerable.Range(0, ResNet18Backbone.FeatureLength).Select(i => i * 0.5f).ToArray();
        cache.Set("ab12", features);
        Assert.True(cache.TryGet("ab12", out var back));
        Assert.Equal(features, back);

        // A process killed mid-write leaves a short file: it must be detected, dropped and recomputed.
        var entry = Directory.GetFiles(directory.File("cache"), "*.f32", SearchOption.AllDirectories).Single();
        File.WriteAllBytes(entry, File.ReadAllBytes(entry)[..100]);
        Assert.False(cache.TryGet("ab12", out _));
        Assert.Equal(1, cache.Rebuilt);
        Assert.False(File.Exists(entry));

        cache.Set("ab12", features);
        var bytes = File.ReadAllBytes(entry);
        bytes[10] ^= 0xFF;
        File.WriteAllBytes(entry, bytes);
        Assert.False(cache.TryGet("ab12", out _));
    }

    [Fact]
    public void The_key_changes_with_content_options_transform_and_backbone()
    {
        var a = TestFiles.WriteHdf5(directory.File("a.h5"), 64, 64, v => (byte)(v * 255));
        var b = directory.File("b.h5");
        File.Copy(a, b);
        var key = FeatureCache.Key(a, RoiOptions.Default.Signature, 0, "sha");
        Assert.Equal(key, FeatureCache.Key(b, RoiOptions.Default.Signature, 0, "sha"));
        Assert.NotEqual(key, FeatureCache.Key(a, (RoiOptions.Default with { LesionCropFactor = 3 }).Signature, 0, "sha"));
        Assert.NotEqual(key, FeatureCache.Key(a, RoiOptions.Default.Signature, 1, "sha"));
        Assert.NotEqual(key, FeatureCache.Key(a, RoiOptions.Default.Signature, 0, "other"));
        File.AppendAllText(b, "x");
        Assert.NotEqual(key, FeatureCache.Key(b, RoiOptions.Default.Signature, 0, "sha"));
    }

    [Fact]
    public void A_warm_cache_gives_the_features_the_network_gave()
    {
        var paths = SmallSynthetic.Test.Records.Take(5).Select(r => Path.Combine(SmallSynthetic.Data.RoiDirectory, r.CaseKey + ".h5")).ToList();
        var jobs = paths.Select(p => new RoiJob(p)).ToList();
        var cold = new FeatureExtractor(ResNet18Backbone.Shared, RoiOptions.Default, new FeatureCache(directory.File("c"))).Extract(jobs);
        var warm = new FeatureExtractor(ResNet18Backbone.Shared, RoiOptions.Default, new FeatureCache(directory.File("c"))).Extract(jobs);
        var uncached = new FeatureExtractor(ResNet18Backbone.Shared, RoiOptions.Default, null, batchSize: 2).Extract(jobs);
        for (var i = 0; i < jobs.Count; i++)
        {
            Assert.Equal(cold[i], warm[i]);
            Assert.Equal(cold[i]!.Length, uncached[i]!.Length);
        }
    }
}
