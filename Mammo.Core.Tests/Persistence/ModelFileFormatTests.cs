using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mammo.Persistence;
using Mammo.Rois;
using Mammo.Tests.Support;
using Mammo.Training;

namespace Mammo.Tests.Persistence;

/// <summary>
/// The model file's format on its own, with a hand-made manifest and head bytes (no trained model, no backbone): what is
/// saved comes back exactly, and every check on loading refuses exactly the files it should, with a reason.
/// </summary>
public sealed class ModelFileFormatTests : IDisposable
{
    private const string Backbone = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly byte[] Head = [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 7))];
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static ModelManifest Manifest(double threshold = 0.375, RoiOptions? roi = null) => new()
    {
        FormatVersion = 0,
        MammoVersion = "0.1.0",
        BackboneName = "test backbone",
        BackboneSha256 = Backbone,
        HeadSha256 = "",
        RoiOptions = roi ?? (RoiOptions.Default with { LesionCropFactor = 3 }),
        Preprocessing = Mammo.Preprocessing.RoiPreprocessor.Description,
        Threshold = threshold,
        FeatureRecipe = "recipe-x",
        CalibrationSlope = 1.5,
        CalibrationOffset = -0.25,
        TrainingMajorityMalignant = false,
        Training = new TrainingSummary
        {
            Seed = 5,
            Trainer = HeadTrainer.LinearSvm,
            TrainingRows = 40,
            ValidationRows = 10,
            TrainingPatients = 30,
            ValidationPatients = 8,
            ChosenRegularization = 0.01,
            ValidationAuc = 0.75,
            ValidationCurve = [new ValidationPoint(0.01, 0.9, 0.75)],
            ThresholdPolicy = ThresholdPolicy.TargetSensitivity,
            Threshold = threshold,
            TrainingAugmentation = Augmentation.Dihedral,
            TestTimeAugmentation = Augmentation.None,
            Refitted = true,
        },
    };

    private string Saved(ModelManifest? manifest = null, byte[]? head = null)
    {
        var path = directory.File($"{Guid.NewGuid():N}.zip");
        ModelFile.Save(path, manifest ?? Manifest(), head ?? Head);
        return path;
    }

    private static byte[] Entry(string path, string name)
    {
        using var zip = ZipFile.OpenRead(path);
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Writes a model file entry by entry, as another tool could; the checksum is the format's own rule.</summary>
    private string Written(byte[]? manifest, byte[]? head, string? checksum)
    {
        var path = directory.File($"{Guid.NewGuid():N}.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Add(string name, byte[] bytes)
        {
            using var entry = zip.CreateEntry(name).Open();
            entry.Write(bytes);
        }

        if (manifest is not null)
        {
            Add("manifest.json", manifest);
        }

        if (head is not null)
        {
            Add("head.zip", head);
        }

        if (checksum is not null)
        {
            Add("checksum.sha256", Encoding.ASCII.GetBytes(checksum));
        }

        return path;
    }

    /// <summary>The checksum rule written out independently: SHA-256 of (int64 LE length, bytes) for manifest then head.</summary>
    private static string Checksum(byte[] manifest, byte[] head)
    {
        var all = new List<byte>();
        foreach (var part in new[] { manifest, head })
        {
            all.AddRange(BitConverter.GetBytes((long)part.Length));
            all.AddRange(part);
        }

        return Convert.ToHexStringLower(SHA256.HashData([.. all]));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A saved manifest edited as JSON, written back with a checksum that matches (so only the edited check can refuse it).</summary>
    private string Consistent(Action<JsonObject> edit, byte[]? head = null)
    {
        var saved = Saved();
        var json = JsonNode.Parse(Entry(saved, "manifest.json"))!.AsObject();
        edit(json);
        var manifest = Encoding.UTF8.GetBytes(json.ToJsonString());
        head ??= Head;
        return Written(manifest, head, Checksum(manifest, head));
    }

    private string Refusal(string path) => Assert.Throws<ModelFileException>(() => ModelFile.Load(path, Backbone)).Message;

    [Theory]
    [InlineData("preprocess-v2: min-max to 0..1; lesion-centred square", "by preprocess-v2,")]
    [InlineData(null, "by an unknown preprocessing,")]
    [InlineData("no version here", "by an unknown preprocessing,")]
    public void A_model_from_another_or_no_preprocessing_is_refused_naming_both(string? saved, string named)
    {
        var path = Saved(Manifest() with { Preprocessing = saved! });
        var message = Refusal(path);
        Assert.Contains(named, message);
        Assert.Contains($"this version of Mammo preprocesses by preprocess-v{Mammo.Preprocessing.RoiPreprocessor.Version};", message);
        Assert.Contains(path, message);
    }

    [Fact]
    public void What_is_saved_loads_back_exactly_with_the_format_version_and_the_heads_hash_filled_in()
    {
        var path = Saved();
        var (manifest, head) = ModelFile.Load(path, Backbone);
        Assert.Equal(Head, head);
        Assert.Equal(ModelManifest.CurrentFormatVersion, manifest.FormatVersion);
        Assert.Equal(2, manifest.FormatVersion);
        Assert.Equal(Hex(Head), manifest.HeadSha256);
        Assert.Equal(0.375, manifest.Threshold);
        Assert.Equal(3, manifest.RoiOptions.LesionCropFactor);
        Assert.Equal(Mammo.Preprocessing.RoiPreprocessor.Description, manifest.Preprocessing);
        Assert.Equal("recipe-x", manifest.FeatureRecipe);
        Assert.Equal(1.5, manifest.CalibrationSlope);
        Assert.Equal(-0.25, manifest.CalibrationOffset);
        Assert.False(manifest.TrainingMajorityMalignant);
        Assert.Equal(HeadTrainer.LinearSvm, manifest.Training.Trainer);
        Assert.Equal(ThresholdPolicy.TargetSensitivity, manifest.Training.ThresholdPolicy);
        Assert.Equal(0.75, Assert.Single(manifest.Training.ValidationCurve).ValidationAuc);

        // The stored checksum follows the documented rule (lengths as 64-bit little-endian, manifest then head).
        Assert.Equal(Checksum(Entry(path, "manifest.json"), Entry(path, "head.zip")), Encoding.ASCII.GetString(Entry(path, "checksum.sha256")));
        Assert.Equal(Head, Entry(path, "head.zip"));
    }

    [Fact]
    public void Saving_over_an_existing_model_replaces_it_whole()
    {
        var path = Saved();
        ModelFile.Save(path, Manifest(threshold: 0.625), [1, 2, 3]);
        var (manifest, head) = ModelFile.Load(path, Backbone);
        Assert.Equal(0.625, manifest.Threshold);
        Assert.Equal([1, 2, 3], head);
        Assert.Single(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void A_missing_file_is_refused_naming_it()
    {
        var path = directory.File("none.zip");
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(path, Backbone));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_refused_as_damaged()
    {
        var path = directory.File("text.zip");
        File.WriteAllText(path, "not a zip at all");
        Assert.Contains("truncated or damaged", Refusal(path));
    }

    [Theory]
    [InlineData("manifest.json")]
    [InlineData("head.zip")]
    [InlineData("checksum.sha256")]
    public void A_file_without_one_of_the_three_entries_is_refused_naming_the_entry(string missing)
    {
        var manifest = Entry(Saved(), "manifest.json");
        var path = Written(
            missing == "manifest.json" ? null : manifest,
            missing == "head.zip" ? null : Head,
            missing == "checksum.sha256" ? null : Checksum(manifest, Head));
        var message = Refusal(path);
        Assert.Contains($"'{missing}'", message);
        Assert.Contains("not a Mammo model", message);
    }

    [Theory]
    [InlineData(3, "newer Mammo")]
    [InlineData(1, "format 1")]
    [InlineData(0, "no valid format version")]
    [InlineData(-1, "no valid format version")]
    public void Format_versions_other_than_the_current_one_are_refused_with_the_reason(int version, string reason)
    {
        var path = Consistent(json => json["formatVersion"] = version);
        Assert.Contains(reason, Refusal(path));
    }

    [Fact]
    public void A_manifest_without_a_format_version_or_with_a_text_one_is_refused()
    {
        Assert.Contains("no valid format version", Refusal(Consistent(json => json.Remove("formatVersion"))));
        Assert.Contains("no valid format version", Refusal(Consistent(json => json["formatVersion"] = "2")));
    }

    [Fact]
    public void The_newer_format_message_names_both_versions()
    {
        var message = Refusal(Consistent(json => json["formatVersion"] = 9));
        Assert.Contains("format 9", message);
        Assert.Contains("up to format 2", message);
    }

    [Fact]
    public void A_checksum_with_surrounding_whitespace_is_accepted()
    {
        var manifest = Entry(Saved(), "manifest.json");
        var path = Written(manifest, Head, "  " + Checksum(manifest, Head) + "\n");
        Assert.Equal(Head, ModelFile.Load(path, Backbone).Head);
    }

    [Fact]
    public void An_upper_case_checksum_is_refused_because_it_is_compared_exactly()
    {
        var manifest = Entry(Saved(), "manifest.json");
        var path = Written(manifest, Head, Checksum(manifest, Head).ToUpperInvariant());
        Assert.Contains("modified after saving", Refusal(path));
    }

    [Fact]
    public void Moving_a_byte_from_the_manifest_to_the_head_changes_the_checksum()
    {
        // Without the length prefixes, manifest + head would hash the same after moving the boundary.
        var manifest = Entry(Saved(), "manifest.json");
        var shifted = Written(manifest[..^1], [manifest[^1], .. Head], Checksum(manifest, Head));
        Assert.Throws<ModelFileException>(() => ModelFile.Load(shifted, Backbone));
    }

    [Fact]
    public void A_head_that_does_not_match_the_manifests_hash_is_refused_even_with_a_matching_checksum()
    {
        byte[] other = [.. Head.Select(b => (byte)(b ^ 1))];
        var message = Refusal(Consistent(_ => { }, other));
        Assert.Contains("head model does not match", message);
    }

    [Fact]
    public void An_empty_json_null_manifest_is_refused()
    {
        var manifest = Encoding.UTF8.GetBytes("null");
        Assert.Contains("no valid format version", Refusal(Written(manifest, Head, Checksum(manifest, Head))));
    }

    [Fact]
    public void A_manifest_that_is_not_json_is_refused_as_damaged()
    {
        var manifest = Encoding.UTF8.GetBytes("{ not json");
        Assert.Contains("truncated or damaged", Refusal(Written(manifest, Head, Checksum(manifest, Head))));
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(1.0, true)]
    [InlineData(0.5, true)]
    [InlineData(-0.001, false)]
    [InlineData(1.001, false)]
    public void The_threshold_must_be_a_probability(double threshold, bool accepted)
    {
        var path = Consistent(json => json["threshold"] = threshold);
        if (accepted)
        {
            Assert.Equal(threshold, ModelFile.Load(path, Backbone).Manifest.Threshold);
        }
        else
        {
            var message = Refusal(path);
            Assert.Contains("threshold", message);
            Assert.Contains("not a probability", message);
        }
    }

    [Fact]
    public void A_nan_threshold_is_refused()
    {
        var manifest = Manifest(threshold: double.NaN);
        var saved = directory.File("nan.zip");
        ModelFile.Save(saved, manifest, Head);
        Assert.Contains("not a probability", Refusal(saved));
    }

    [Fact]
    public void Invalid_or_missing_roi_options_are_refused()
    {
        Assert.Contains("ROI options are invalid", Refusal(Consistent(json => json["roiOptions"]!["lesionCropFactor"] = 1.5)));
        Assert.Contains("no ROI options", Refusal(Consistent(json => json["roiOptions"] = null)));
    }

    [Fact]
    public void Another_backbone_is_refused_naming_both_hashes()
    {
        var path = Saved();
        var other = new string('f', 64);
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(path, other));
        Assert.Contains("test backbone", e.Message);
        Assert.Contains(Backbone[..12] + "...", e.Message);
        Assert.Contains("ffffffffffff...", e.Message);
        Assert.DoesNotContain(Backbone[..13], e.Message);
    }

    [Fact]
    public void A_short_backbone_hash_in_the_manifest_is_shown_whole_when_refused()
    {
        var path = Consistent(json => json["backboneSha256"] = "abc");
        var message = Refusal(path);
        Assert.Contains("SHA-256 abc...", message);
    }
}
