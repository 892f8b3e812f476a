using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mammo.IO;

namespace Mammo.Persistence;

/// <summary>
/// A saved model: one zip file holding <c>manifest.json</c>, <c>head.zip</c> (the ML.NET head model) and
/// <c>checksum.sha256</c>. Saving is atomic; loading verifies the format version, the checksum, the backbone's SHA-256
/// and the manifest's settings before anything is used.
/// </summary>
/// <remarks>
/// The checksum is the SHA-256 of everything that decides a prediction: the manifest's exact bytes (threshold, ROI
/// options, preprocessing) followed by the head's bytes, each preceded by its length. An edit to either, even one that
/// leaves valid JSON, is refused. Settings are validated again on load, so a file written by other means with
/// invalid ROI options or threshold is refused too.
/// </remarks>
internal static class ModelFile
{
    private const string ManifestEntry = "manifest.json";
    private const string HeadEntry = "head.zip";
    private const string ChecksumEntry = "checksum.sha256";

    private static JsonSerializerOptions Json => MammoJson.Options;

    /// <summary>Writes the model atomically (<see cref="AtomicFile"/>): a failed save leaves any previous file as it was.</summary>
    public static void Save(string path, ModelManifest manifest, byte[] head) =>
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(
                manifest with { FormatVersion = ModelManifest.CurrentFormatVersion, HeadSha256 = Sha256(head) }, Json);
            WriteEntry(zip, ManifestEntry, manifestBytes);
            WriteEntry(zip, HeadEntry, head);
            WriteEntry(zip, ChecksumEntry, Encoding.ASCII.GetBytes(Checksum(manifestBytes, head)));
        });

    /// <summary>Reads and verifies a model file.</summary>
    /// <exception cref="ModelFileException">The file is missing, damaged, tampered with or of a newer format.</exception>
    public static (ModelManifest Manifest, byte[] Head) Load(string path, string backboneSha256) => Load(path, () => backboneSha256);

    /// <summary>Reads and verifies a model file, asking for this installation's backbone hash only at the last check.</summary>
    /// <param name="path">The model file.</param>
    /// <param name="backboneSha256">Gives the backbone's SHA-256 (hashing its 64 MB can run while the file is read); what
    /// it throws (a <see cref="BackboneException"/>) passes through unchanged.</param>
    /// <exception cref="ModelFileException">The file is missing, damaged, tampered with or of a newer format.</exception>
    public static (ModelManifest Manifest, byte[] Head) Load(string path, Func<string> backboneSha256)
    {
        if (!File.Exists(path))
        {
            throw new ModelFileException(path, "the model file does not exist");
        }

        ModelManifest manifest;
        byte[] head;
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var manifestBytes = ReadEntry(path, zip, ManifestEntry);
            using (var document = JsonDocument.Parse(manifestBytes))
            {
                // A manifest that is not a JSON object, or a version that is not a number, is "no valid version", not an unchecked error.
                var root = document.RootElement;
                var version = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("formatVersion", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : 0;
                if (version > ModelManifest.CurrentFormatVersion)
                {
                    throw new ModelFileException(
                        path, $"the model was saved in format {version} by a newer Mammo; this version reads up to format {ModelManifest.CurrentFormatVersion}");
                }

                if (version < 1)
                {
                    throw new ModelFileException(path, "the manifest has no valid format version");
                }

                if (version < ModelManifest.CurrentFormatVersion)
                {
                    throw new ModelFileException(
                        path, $"the model was saved in format {version}, which verified only its head, not its threshold and ROI options; re-train it with this version of Mammo");
                }
            }

            head = ReadEntry(path, zip, HeadEntry);
            var stored = Encoding.ASCII.GetString(ReadEntry(path, zip, ChecksumEntry)).Trim();
            if (!string.Equals(stored, Checksum(manifestBytes, head), StringComparison.Ordinal))
            {
                throw new ModelFileException(
                    path, "the manifest or the head does not match the model's SHA-256 checksum: the file was modified after saving");
            }

            // Not null: the version check above refused every manifest that is not a JSON object (JSON null included).
            manifest = JsonSerializer.Deserialize<ModelManifest>(manifestBytes, Json)!;
        }
        catch (ModelFileException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException or NotSupportedException)
        {
            throw new ModelFileException(path, $"not a readable Mammo model file: truncated or damaged ({e.Message})", e);
        }

        if (!string.Equals(Sha256(head), manifest.HeadSha256, StringComparison.Ordinal))
        {
            throw new ModelFileException(path, "the head model does not match the SHA-256 in the manifest: the file was modified after saving");
        }

        CheckSettings(path, manifest);
        var preprocessing = $"preprocess-v{Preprocessing.RoiPreprocessor.Version}:";
        if (manifest.Preprocessing is null || !manifest.Preprocessing.StartsWith(preprocessing, StringComparison.Ordinal))
        {
            // Another preprocessing gives the head other inputs than it was trained on: its scores would mean nothing.
            var saved = manifest.Preprocessing is { } text && text.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon ? text[..colon] : "an unknown preprocessing";
            throw new ModelFileException(
                path, $"the model was trained on ROIs preprocessed by {saved}, but this version of Mammo preprocesses by {preprocessing.TrimEnd(':')}; its features would not match; re-train it");
        }

        var installed = backboneSha256();
        if (!string.Equals(manifest.BackboneSha256, installed, StringComparison.Ordinal))
        {
            throw new ModelFileException(
                path, $"the model was trained on backbone {manifest.BackboneName} with SHA-256 {manifest.BackboneSha256[..Math.Min(12, manifest.BackboneSha256.Length)]}..., but this installation's backbone has {installed[..12]}...; its features would not match");
        }

        return (manifest, head);
    }

    /// <summary>Refuses settings no training run could have produced (the same checks as when training).</summary>
    private static void CheckSettings(string path, ModelManifest manifest)
    {
        if (manifest.RoiOptions is null)
        {
            throw new ModelFileException(path, "the manifest has no ROI options");
        }

        try
        {
            manifest.RoiOptions.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ModelFileException(path, $"the manifest's ROI options are invalid ({e.Message})", e);
        }

        if (!(manifest.Threshold is >= 0 and <= 1))
        {
            throw new ModelFileException(path, $"the manifest's threshold {manifest.Threshold} is not a probability between 0 and 1");
        }
    }

    /// <summary>SHA-256 over the manifest's bytes and the head's bytes, each preceded by its length (so no bytes can move between them).</summary>
    private static string Checksum(byte[] manifest, byte[] head)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[8];
        foreach (var part in (byte[][])[manifest, head])
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(length, part.Length);
            hash.AppendData(length);
            hash.AppendData(part);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void WriteEntry(ZipArchive zip, string name, byte[] bytes)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        entry.Write(bytes);
    }

    private static byte[] ReadEntry(string path, ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new ModelFileException(path, $"the model file has no '{name}'; it is not a Mammo model");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
