using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Mammo.Backbone;

/// <summary>
/// Backbone features kept on disk across runs, like ML.NET's bottleneck cache, keyed by the ROI file's content, the
/// ROI options, the augmentation transform and the backbone's SHA-256: training again on the same ROIs does not run
/// the network again.
/// </summary>
/// <remarks>
/// Each entry is written to a temporary file and renamed into place, and holds a SHA-256 of its own features: an entry
/// left half-written by a killed process, or damaged later, fails the check, is deleted and is computed again.
/// </remarks>
internal sealed class FeatureCache
{
    private readonly string directory;
    private readonly int entryBytes;
    private int rebuilt;

    /// <param name="directory">The cache folder.</param>
    /// <param name="featureLength">The number of floats per entry: 512 pooled features, or a whole feature bundle.</param>
    public FeatureCache(string directory, int featureLength = ResNet18Backbone.FeatureLength)
    {
        this.directory = directory;
        entryBytes = (featureLength * sizeof(float)) + 32;
        Directory.CreateDirectory(directory);
    }

    /// <summary>Gets how many damaged entries were found and dropped.</summary>
    public int Rebuilt => rebuilt;

    /// <summary>Builds the key of one ROI file under the given ROI options signature, transform and backbone.</summary>
    public static string Key(string roiPath, string optionsSignature, int dihedral, string backboneSha256)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var stream = File.OpenRead(roiPath))
        {
            hash.AppendData(SHA256.HashData(stream));
        }

        hash.AppendData(Encoding.UTF8.GetBytes($"|{optionsSignature}|d{dihedral}|{backboneSha256}|preprocess-v1"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public bool TryGet(string key, out float[] features)
    {
        features = [];
        var path = PathOf(key);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }

        var payload = bytes.AsSpan(0, Math.Min(bytes.Length, entryBytes - 32));
        if (bytes.Length != entryBytes || !SHA256.HashData(payload).AsSpan().SequenceEqual(bytes.AsSpan(entryBytes - 32)))
        {
            Interlocked.Increment(ref rebuilt);
            File.Delete(path);
            return false;
        }

        features = MemoryMarshal.Cast<byte, float>(payload).ToArray();
        return true;
    }

    public void Set(string key, ReadOnlySpan<float> features)
    {
        var payload = MemoryMarshal.AsBytes(features);
        var entry = new byte[entryBytes];
        payload.CopyTo(entry);
        SHA256.HashData(payload, entry.AsSpan(payload.Length));
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        File.WriteAllBytes(temporary, entry);
        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string key) => Path.Combine(directory, key[..2], key + ".f32");
}
