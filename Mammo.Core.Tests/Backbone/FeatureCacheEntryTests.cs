using System.Security.Cryptography;
using System.Text;
using Mammo.Backbone;
using Mammo.Preprocessing;
using Mammo.Rois;
using Mammo.Tests.Support;

namespace Mammo.Tests.Backbone;

/// <summary>
/// The feature cache's entries and keys against known answers written out here (no network): where an entry lives,
/// its exact bytes, and that every damaged or foreign entry is refused, counted and removed.
/// </summary>
public sealed class FeatureCacheEntryTests : IDisposable
{
    private const int Length = 5;
    private static readonly float[] Features = [0.5f, -1.25f, 3f, 1e-3f, 42f];
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private string Root => directory.File("cache");

    private string EntryPath(string key) => Path.Combine(Root, key[..2], key + ".f32");

    private static byte[] Payload(float[] features) => [.. features.SelectMany(BitConverter.GetBytes)];

    [Fact]
    public void An_entry_is_the_features_little_endian_then_their_sha256_in_a_folder_named_by_the_keys_first_two_characters()
    {
        var cache = new FeatureCache(Root, Length);
        cache.Set("cd3456", Features);
        var payload = Payload(Features);
        Assert.Equal([.. payload, .. SHA256.HashData(payload)], File.ReadAllBytes(EntryPath("cd3456")));
        Assert.Single(Directory.GetFiles(Root, "*", SearchOption.AllDirectories));

        Assert.True(cache.TryGet("cd3456", out var back));
        Assert.Equal(Features, back);
        Assert.Equal(0, cache.Rebuilt);

        // Another cache on the same folder (a later run) reads the same entry.
        Assert.True(new FeatureCache(Root, Length).TryGet("cd3456", out var again));
        Assert.Equal(Features, again);
    }

    [Fact]
    public void A_missing_entry_is_a_miss_that_is_not_counted_as_rebuilt()
    {
        var cache = new FeatureCache(Root, Length);
        Assert.False(cache.TryGet("ee0000", out var none));
        Assert.Empty(none);
        cache.Set("ee0001", Features);
        Assert.False(cache.TryGet("ee0000", out none));
        Assert.Empty(none);
        Assert.Equal(0, cache.Rebuilt);
    }

    [Fact]
    public void A_vector_of_the_wrong_length_is_refused_and_nothing_is_written()
    {
        var cache = new FeatureCache(Root, Length);
        var e = Assert.Throws<ArgumentException>(() => cache.Set("ab0000", [1f, 2f]));
        Assert.Equal("features", e.ParamName);
        Assert.Contains("5 features", e.Message);
        Assert.Throws<ArgumentException>(() => cache.Set("ab0000", new float[Length + 1]));
        Assert.Empty(Directory.GetFiles(Root, "*", SearchOption.AllDirectories));
    }

    public static TheoryData<string> Damages => ["short", "long", "feature", "hash", "empty"];

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_damaged_entry_is_a_miss_counted_once_and_deleted(string damage)
    {
        var cache = new FeatureCache(Root, Length);
        cache.Set("ab0000", Features);
        var path = EntryPath("ab0000");
        var bytes = File.ReadAllBytes(path);
        byte[] damaged = damage switch
        {
            "short" => bytes[..^1],
            "long" => [.. bytes, 0],
            "feature" => [.. bytes[..3], (byte)(bytes[3] ^ 0x40), .. bytes[4..]],
            "hash" => [.. bytes[..^1], (byte)(bytes[^1] ^ 1)],
            _ => [],
        };
        File.WriteAllBytes(path, damaged);
        Assert.False(cache.TryGet("ab0000", out var features));
        Assert.Empty(features);
        Assert.Equal(1, cache.Rebuilt);
        Assert.False(File.Exists(path));

        // Computed again, it is found again; the count stays.
        cache.Set("ab0000", Features);
        Assert.True(cache.TryGet("ab0000", out features));
        Assert.Equal(Features, features);
        Assert.Equal(1, cache.Rebuilt);
    }

    [Fact]
    public void An_entry_of_a_cache_with_another_feature_length_is_refused()
    {
        new FeatureCache(Root, Length + 1).Set("ab0000", [.. Features, 7f]);
        var cache = new FeatureCache(Root, Length);
        Assert.False(cache.TryGet("ab0000", out _));
        Assert.Equal(1, cache.Rebuilt);
    }

    [Fact]
    public void The_default_entry_holds_the_resnet18_feature_length()
    {
        var cache = new FeatureCache(Root);
        Assert.Throws<ArgumentException>(() => cache.Set("ab0000", Features));
        var features = new float[ResNet18Backbone.FeatureLength];
        features[511] = 2;
        cache.Set("ab0000", features);
        Assert.Equal((512 * 4) + 32, new FileInfo(EntryPath("ab0000")).Length);
        Assert.True(cache.TryGet("ab0000", out var back));
        Assert.Equal(2, back[511]);
    }

    [Fact]
    public void Opening_sweeps_stale_temporary_files_in_every_shard_only()
    {
        var stale = new List<string>();
        foreach (var shard in new[] { "ab", "cd" })
        {
            var folder = Directory.CreateDirectory(Path.Combine(Root, shard)).FullName;
            var old = Path.Combine(folder, $".{shard}12.f32.0123{AtomicFileSuffix}");
            File.WriteAllBytes(old, [1]);
            File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-2));
            stale.Add(old);
        }

        var fresh = Path.Combine(Root, "ab", $".ab34.f32.4567{AtomicFileSuffix}");
        File.WriteAllBytes(fresh, [1]);
        var entry = Path.Combine(Root, "cd", "cd99.f32");
        File.WriteAllBytes(entry, [1]);
        File.SetLastWriteTimeUtc(entry, DateTime.UtcNow.AddHours(-2));

        _ = new FeatureCache(Root, Length);
        Assert.All(stale, s => Assert.False(File.Exists(s)));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(entry));
    }

    private static string AtomicFileSuffix => Mammo.IO.AtomicFile.TemporarySuffix;

    [Fact]
    public void A_new_cache_folder_is_created()
    {
        var nested = Path.Combine(Root, "a", "b");
        _ = new FeatureCache(nested, Length);
        Assert.True(Directory.Exists(nested));
    }

    [Fact]
    public void The_content_hash_is_sha256_of_the_files_hash_and_the_masks_presence_and_hash()
    {
        byte[] roi = [1, 2, 3, 4];
        byte[] mask = [9, 8];
        static byte[] Sha(byte[] b) => SHA256.HashData(b);
        var without = Convert.ToHexStringLower(Sha([.. Sha(roi), .. Encoding.UTF8.GetBytes("|no-mask")]));
        var with = Convert.ToHexStringLower(Sha([.. Sha(roi), .. Encoding.UTF8.GetBytes("|mask"), .. Sha(mask)]));
        Assert.Equal(without, FeatureCache.ContentHash(new RoiFiles("a.png", roi, null, null)));
        Assert.Equal(with, FeatureCache.ContentHash(new RoiFiles("a.png", roi, "a_mask.png", mask)));

        // The paths are not part of it; an empty mask still differs from none.
        Assert.Equal(without, FeatureCache.ContentHash(new RoiFiles("elsewhere/b.png", roi, null, null)));
        Assert.NotEqual(without, FeatureCache.ContentHash(new RoiFiles("a.png", roi, "a_mask.png", [])));
    }

    [Fact]
    public void The_key_is_sha256_of_content_options_transform_backbone_and_preprocessing_version()
    {
        var text = $"c0ffee|ds=data|d3|backbone-sha|preprocess-v{RoiPreprocessor.Version}";
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(expected, FeatureCache.Key("c0ffee", "ds=data", 3, "backbone-sha"));
        Assert.Equal(64, expected.Length);
        Assert.NotEqual(expected, FeatureCache.Key("c0ffee", "ds=data", 2, "backbone-sha"));
        Assert.NotEqual(expected, FeatureCache.Key("c0ffef", "ds=data", 3, "backbone-sha"));
        Assert.NotEqual(expected, FeatureCache.Key("c0ffee", "ds=dat", 3, "backbone-sha"));
        Assert.NotEqual(expected, FeatureCache.Key("c0ffee", "ds=data", 3, "backbone-shb"));
    }
}
