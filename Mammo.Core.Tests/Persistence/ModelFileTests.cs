using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Mammo.Persistence;
using Mammo.Tests.Support;

namespace Mammo.Tests.Persistence;

public sealed class ModelFileTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private string Saved()
    {
        var path = directory.File($"{Guid.NewGuid():N}.zip");
        SmallSynthetic.Model.Save(path);
        return path;
    }

    private static void EditEntry(string path, string entry, Func<byte[], byte[]> edit)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var old = zip.GetEntry(entry)!;
        byte[] bytes;
        using (var stream = old.Open())
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }

        old.Delete();
        using var writer = zip.CreateEntry(entry).Open();
        writer.Write(edit(bytes));
    }

    private static void EditManifest(string path, Action<JsonObject> edit) => EditEntry(path, "manifest.json", bytes =>
    {
        var json = JsonNode.Parse(bytes)!.AsObject();
        edit(json);
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    });

    [Fact]
    public void Saving_is_atomic_and_leaves_no_temporary_file()
    {
        var path = Saved();
        Assert.Single(Directory.GetFiles(directory.Path));
        var folderInTheWay = directory.File("taken.zip");
        Directory.CreateDirectory(folderInTheWay);
        Assert.ThrowsAny<IOException>(() => SmallSynthetic.Model.Save(folderInTheWay));
        Assert.Single(Directory.GetFiles(directory.Path));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void A_truncated_file_is_refused()
    {
        var path = Saved();
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..(int)(new FileInfo(path).Length / 2)]);
        Assert.Contains("truncated or damaged", Assert.Throws<ModelFileException>(() => MassClassifier.Load(path)).Message);
    }

    [Fact]
    public void A_tampered_head_is_refused()
    {
        var path = Saved();
        EditEntry(path, "head.zip", bytes => [.. bytes, 0]);
        Assert.Contains("modified after saving", Assert.Throws<ModelFileException>(() => MassClassifier.Load(path)).Message);
    }

    [Fact]
    public void A_newer_format_is_refused()
    {
        var path = Saved();
        EditManifest(path, json => json["formatVersion"] = 99);
        Assert.Contains("newer Mammo", Assert.Throws<ModelFileException>(() => MassClassifier.Load(path)).Message);
    }

    /// <summary>Re-saves a model through <see cref="ModelFile.Save"/> (so the checksum is valid) with an edited manifest.</summary>
    private string Resaved(Func<ModelManifest, ModelManifest> edit)
    {
        var original = Saved();
        var (manifest, head) = ModelFile.Load(original, Mammo.Backbone.ResNet18StageRunner.Shared.Sha256);
        var path = directory.File($"{Guid.NewGuid():N}.zip");
        ModelFile.Save(path, edit(manifest), head);
        return path;
    }

    [Fact]
    public void Another_backbone_is_refused()
    {
        var path = Resaved(m => m with { BackboneSha256 = new string('0', 64) });
        Assert.Contains("backbone", Assert.Throws<ModelFileException>(() => MassClassifier.Load(path)).Message);
    }

    [Fact]
    public void A_model_trained_under_another_preprocessing_is_refused()
    {
        // Version 2 stretched the grey scale by the whole ROI file: a head trained on its features must not score version 3's.
        var path = Resaved(m => m with { Preprocessing = "preprocess-v2: min-max to 0..1; lesion-centred square" });
        var message = Assert.Throws<ModelFileException>(() => MassClassifier.Load(path)).Message;
        Assert.Contains("preprocess-v2", message);
        Assert.Contains($"preprocess-v{Mammo.Preprocessing.RoiPreprocessor.Version}", message);
    }

    [Fact]
    public void An_edited_threshold_is_refused()
    {
        var path = Saved();
        EditManifest(path, json => json["threshold"] = 0.01);
        Assert.Contains("modified after saving", Assert.Throws<ModelFileException>(() => MassClassifier.Load(path)).Message);
    }

    [Fact]
    public void Edited_roi_options_are_refused()
    {
        var path = Saved();
        EditManifest(path, json => json["roiOptions"]!["lesionCropFactor"] = 4.5);
        Assert.Contains("modified after saving", Assert.Throws<ModelFileException>(() => MassClassifier.Load(path)).Message);
    }

    [Fact]
    public void Invalid_roi_options_are_refused_even_with_a_valid_checksum()
    {
        var path = Resaved(m => m with { RoiOptions = m.RoiOptions with { LesionCropFactor = 1 } });
        var e = Assert.Throws<ModelFileException>(() => MassClassifier.Load(path));
        Assert.Contains("ROI options are invalid", e.Message);
        Assert.Contains("LesionCropFactor", e.Message);
        path = Resaved(m => m with { RoiOptions = m.RoiOptions with { MaskChannel = -1 } });
        Assert.Contains("ROI options are invalid", Assert.Throws<ModelFileException>(() => MassClassifier.Load(path)).Message);
        path = Resaved(m => m with { Threshold = double.NaN });
        Assert.Contains("threshold", Assert.Throws<ModelFileException>(() => MassClassifier.Load(path)).Message);
    }

    [Fact]
    public void An_unchanged_model_loads_and_a_missing_checksum_is_refused()
    {
        var path = Saved();
        Assert.Equal(SmallSynthetic.Model.Threshold, MassClassifier.Load(path).Threshold);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry("checksum.sha256")!.Delete();
        }

        Assert.Contains("checksum.sha256", Assert.Throws<ModelFileException>(() => MassClassifier.Load(path)).Message);
    }

    [Fact]
    public void Missing_and_foreign_files_are_refused()
    {
        Assert.Throws<ModelFileException>(() => MassClassifier.Load(directory.File("none.zip")));
        var foreign = directory.File("foreign.zip");
        File.WriteAllText(foreign, "not a zip");
        Assert.Throws<ModelFileException>(() => MassClassifier.Load(foreign));
    }
}
