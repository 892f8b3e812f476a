using Mammo.Backbone;
using Mammo.Featurization;
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
    public void Opening_a_cache_sweeps_temporary_files_a_killed_process_left_and_keeps_fresh_ones()
    {
        var shard = Directory.CreateDirectory(directory.File(Path.Combine("cache", "ab"))).FullName;
        var stale = Path.Combine(shard, ".ab12.f32.0123.mammo-tmp");
        var fresh = Path.Combine(shard, ".ab34.f32.4567.mammo-tmp");
        File.WriteAllBytes(stale, [1, 2, 3]);
        File.WriteAllBytes(fresh, [1, 2, 3]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-2));
        _ = new FeatureCache(directory.File("cache"));
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
    }

    [Fact]
    public void The_key_changes_with_content_options_transform_and_backbone()
    {
        var a = TestFiles.WriteHdf5(directory.File("a.h5"), 64, 64, v => (byte)(v * 255));
        var b = directory.File("b.h5");
        File.Copy(a, b);
        string Key(string path, RoiOptions options, int dihedral, string sha) =>
            FeatureCache.Key(FeatureCache.ContentHash(RoiReader.ReadFiles(path, options)), options.Signature, dihedral, sha);
        var key = Key(a, RoiOptions.Default, 0, "sha");
        Assert.Equal(key, Key(b, RoiOptions.Default, 0, "sha"));
        Assert.NotEqual(key, Key(a, RoiOptions.Default with { LesionCropFactor = 3 }, 0, "sha"));
        Assert.NotEqual(key, Key(a, RoiOptions.Default, 1, "sha"));
        Assert.NotEqual(key, Key(a, RoiOptions.Default, 0, "other"));
        File.AppendAllText(b, "x");
        Assert.NotEqual(key, Key(b, RoiOptions.Default, 0, "sha"));
    }

    [Fact]
    public void A_png_rois_key_covers_its_mask_file_and_the_masks_absence()
    {
        var crop = TestFiles.WritePng(directory.File("c.png"), 64, 64, 8);
        string Key() => FeatureCache.Key(FeatureCache.ContentHash(RoiReader.ReadFiles(crop, RoiOptions.Default)), RoiOptions.Default.Signature, 0, "sha");
        var without = Key();
        TestFiles.WritePngMask(directory.File("c_mask.png"), 64, 64, 20, 40);
        var with = Key();
        Assert.NotEqual(without, with);
        TestFiles.WritePngMask(directory.File("c_mask.png"), 64, 64, 10, 30);
        Assert.NotEqual(with, Key());
    }

    [Fact]
    public void A_warm_cache_gives_the_features_the_network_gave()
    {
        var paths = SmallSynthetic.Test.Records.Take(5).Select(r => Path.Combine(SmallSynthetic.Data.RoiDirectory, r.CaseKey + ".h5")).ToList();
        FeaturizedSet<string> Run(FeatureCache? cache, int batch) =>
            new FeatureSource(ResNet18Backbone.Shared, RoiOptions.Default, cache, batch).Featurize(paths, p => p, [0], false, null, default);
        var cold = Run(new FeatureCache(directory.File("c")), 16);
        var warm = Run(new FeatureCache(directory.File("c")), 16);
        var uncached = Run(null, 2);
        for (var i = 0; i < paths.Count; i++)
        {
            Assert.Equal(cold.Vector(i, 0), warm.Vector(i, 0));
            Assert.Equal(cold.Vector(i, 0).Length, uncached.Vector(i, 0).Length);
        }
    }
}
