using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Mammo.IO;

namespace Mammo.Persistence;

/// <summary>
/// A saved model: one zip file holding <c>manifest.json</c> and <c>head.zip</c> (the ML.NET head model). Saving is atomic;
/// loading verifies the format version, the head's SHA-256 and the backbone's SHA-256 before anything is used.
/// </summary>
internal static class ModelFile
{
    private const string ManifestEntry = "manifest.json";
    private const string HeadEntry = "head.zip";

    private static JsonSerializerOptions Json => MammoJson.Options;

    /// <summary>Writes the model atomically (<see cref="AtomicFile"/>): a failed save leaves any previous file as it was.</summary>
    public static void Save(string path, ModelManifest manifest, byte[] head) =>
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            WriteEntry(zip, ManifestEntry, JsonSerializer.SerializeToUtf8Bytes(manifest with { HeadSha256 = Sha256(head) }, Json));
            WriteEntry(zip, HeadEntry, head);
        });

    /// <summary>Reads and verifies a model file.</summary>
    /// <exception cref="ModelFileException">The file is missing, damaged, tampered with or of a newer format.</exception>
    public static (ModelManifest Manifest, byte[] Head) Load(string path, string backboneSha256)
    {
        if (!File.Exists(path))
        {
            throw new ModelFileException(path, "the model file does not exist");
        }

        ModelManifest? manifest;
        byte[] head;
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var manifestBytes = ReadEntry(path, zip, ManifestEntry);
            using (var document = JsonDocument.Parse(manifestBytes))
            {
                var version = document.RootElement.TryGetProperty("formatVersion", out var v) && v.TryGetInt32(out var n) ? n : 0;
                if (version > ModelManifest.CurrentFormatVersion)
                {
                    throw new ModelFileException(
                        path, $"the model was saved in format {version} by a newer Mammo; this version reads up to format {ModelManifest.CurrentFormatVersion}");
                }

                if (version < 1)
                {
                    throw new ModelFileException(path, "the manifest has no valid format version");
                }
            }

            manifest = JsonSerializer.Deserialize<ModelManifest>(manifestBytes, Json);
            head = ReadEntry(path, zip, HeadEntry);
        }
        catch (ModelFileException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException or NotSupportedException)
        {
            throw new ModelFileException(path, $"not a readable Mammo model file: truncated or damaged ({e.Message})", e);
        }

        if (manifest is null)
        {
            throw new ModelFileException(path, "the manifest is empty");
        }

        if (!string.Equals(Sha256(head), manifest.HeadSha256, StringComparison.Ordinal))
        {
            throw new ModelFileException(path, "the head model does not match the SHA-256 in the manifest: the file was modified after saving");
        }

        if (!string.Equals(manifest.BackboneSha256, backboneSha256, StringComparison.Ordinal))
        {
            throw new ModelFileException(
                path, $"the model was trained on backbone {manifest.BackboneName} with SHA-256 {manifest.BackboneSha256[..Math.Min(12, manifest.BackboneSha256.Length)]}..., but this installation's backbone has {backboneSha256[..12]}...; its features would not match");
        }

        return (manifest, head);
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
