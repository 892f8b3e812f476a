using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Mammo.IO;
using Mammo.Preprocessing;
using Mammo.Rois;
using Microsoft.Win32.SafeHandles;

namespace Mammo.Backbone;

/// <summary>
/// Backbone features kept on disk across runs, like ML.NET's bottleneck cache, keyed by every byte that decides the
/// tensor (the ROI file and, for a PNG, its mask file or its absence), the ROI options, the augmentation transform,
/// the preprocessing version and the backbone's SHA-256: training again on the same ROIs does not run the network again.
/// </summary>
/// <remarks>
/// Each entry is written atomically (<see cref="AtomicFile"/>) and holds a SHA-256 of its own features: an entry damaged
/// later fails the check, is deleted and is computed again. Temporary files a killed process left behind are swept
/// when a cache is opened.
/// </remarks>
internal sealed class FeatureCache
{
    private const int HashBytes = 32;
    private readonly string directory;
    private readonly int featureLength;
    private int rebuilt;

    public FeatureCache(string directory, int featureLength = ResNet18Backbone.FeatureLength)
    {
        this.directory = directory;
        this.featureLength = featureLength;
        Directory.CreateDirectory(directory);
        foreach (var shard in Directory.EnumerateDirectories(directory))
        {
            AtomicFile.SweepStale(shard);
        }
    }

    /// <summary>Gets how many damaged entries were found and dropped.</summary>
    public int Rebuilt => rebuilt;

    private int EntryBytes => (featureLength * sizeof(float)) + HashBytes;

    /// <summary>Hashes the bytes that are decoded: the ROI file and its mask file, or the mask's absence.</summary>
    public static string ContentHash(RoiFiles files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(SHA256.HashData(files.Bytes));
        hash.AppendData(Encoding.UTF8.GetBytes(files.MaskBytes is null ? "|no-mask" : "|mask"));
        if (files.MaskBytes is { } mask)
        {
            hash.AppendData(SHA256.HashData(mask));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Builds the key of one ROI's content under the given ROI options signature, transform and backbone.</summary>
    public static string Key(string contentHash, string optionsSignature, int dihedral, string backboneSha256) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture, $"{contentHash}|{optionsSignature}|d{dihedral}|{backboneSha256}|preprocess-v{RoiPreprocessor.Version}"))));

    public bool TryGet(string key, out float[] features)
    {
        features = [];
        var path = PathOf(key);
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }

        // The features are read straight into the array they are returned in; the hash trails them.
        var vector = new float[featureLength];
        Span<byte> stored = stackalloc byte[HashBytes];
        bool whole;
        using (handle)
        {
            var length = RandomAccess.GetLength(handle);
            whole = length == EntryBytes
                && RandomAccess.Read(handle, MemoryMarshal.AsBytes(vector.AsSpan()), 0) == featureLength * sizeof(float)
                && RandomAccess.Read(handle, stored, featureLength * sizeof(float)) == HashBytes;
        }

        Span<byte> actual = stackalloc byte[HashBytes];
        if (!whole || SHA256.HashData(MemoryMarshal.AsBytes(vector.AsSpan()), actual) != HashBytes || !actual.SequenceEqual(stored))
        {
            Interlocked.Increment(ref rebuilt);
            AtomicFile.TryDelete(path);
            return false;
        }

        features = vector;
        return true;
    }

    public void Set(string key, float[] features)
    {
        if (features.Length != featureLength)
        {
            throw new ArgumentException($"An entry holds {featureLength} features.", nameof(features));
        }

        // Written straight from the vector, its hash after it; no flush to disk: a damaged entry fails its hash and is rebuilt.
        AtomicFile.Write(
            PathOf(key),
            stream =>
            {
                var payload = MemoryMarshal.AsBytes(features.AsSpan());
                Span<byte> hash = stackalloc byte[HashBytes];
                SHA256.HashData(payload, hash);
                stream.Write(payload);
                stream.Write(hash);
            },
            flushToDisk: false);
    }

    private string PathOf(string key) => Path.Combine(directory, key[..2], key + ".f32");
}
