using Mammo.Backbone;
using Mammo.Preprocessing;
using Mammo.Rois;
using Mammo.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Mammo.Tests.Backbone;

public sealed class ResNet18BackboneTests
{
    private sealed class PixelRow
    {
        [VectorType(3, 224, 224)]
        public float[] Pixels { get; set; } = [];
    }

    private static float[][] SomeTensors(int count) =>
        SmallSynthetic.Test.Records.Take(count)
            .Select(r => RoiPreprocessor.Preprocess(RoiReader.Read(Path.Combine(SmallSynthetic.Data.RoiDirectory, r.CaseKey + ".h5"), RoiOptions.Default), RoiOptions.Default))
            .ToArray();

    [Fact]
    public void Features_equal_what_MLNET_DnnFeaturizeImage_ResNet18_gives_for_the_same_pixels()
    {
        // Twelve ROIs of mixed sizes and formats: ten synthetic HDF5 crops (96 to 160 pixels a side), a wide 16-bit PNG
        // and a tall small 8-bit one, so resizing and bit depths vary.
        using var directory = new TempDirectory();
        var files = SmallSynthetic.Test.Records.Take(10).Select(r => Path.Combine(SmallSynthetic.Data.RoiDirectory, r.CaseKey + ".h5"))
            .Append(TestFiles.WritePng(directory.File("wide.png"), 420, 260, 16))
            .Append(TestFiles.WritePng(directory.File("tall.png"), 70, 190, 8))
            .ToArray();
        var tensors = files.Select(f => RoiPreprocessor.Preprocess(RoiReader.Read(f, RoiOptions.Default), RoiOptions.Default)).ToArray();
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(tensors.Select(t => new PixelRow { Pixels = t }));
        var pipeline = ml.Transforms.DnnFeaturizeImage("Features", m => m.ModelSelector.ResNet18(ml, m.OutputColumn, m.InputColumn), "Pixels");
        var expected = pipeline.Fit(data).Transform(data).GetColumn<float[]>("Features").ToList();

        var actual = ResNet18Backbone.Shared.Featurize(tensors.SelectMany(t => t).ToArray(), tensors.Length);
        Assert.Equal(tensors.Length * ResNet18Backbone.FeatureLength, actual.Length);
        Assert.All(expected, e => Assert.Equal(ResNet18Backbone.FeatureLength, e.Length));

        // Each feature is held to 1e-3 of its own scale across the dataset (its largest magnitude over the twelve
        // images), not of an image's largest feature, so small features are checked as closely as large ones.
        var overall = expected.Max(e => e.Max(Math.Abs));
        Assert.True(overall > 0);
        for (var k = 0; k < ResNet18Backbone.FeatureLength; k++)
        {
            var scale = Math.Max(expected.Max(e => Math.Abs(e[k])), 1e-6f * overall);
            for (var i = 0; i < tensors.Length; i++)
            {
                var value = actual[(i * ResNet18Backbone.FeatureLength) + k];
                Assert.True(Math.Abs(value - expected[i][k]) <= 1e-3 * scale, $"{Path.GetFileName(files[i])}, feature {k}: {value} vs {expected[i][k]} (scale {scale})");
            }
        }
    }

    [Fact]
    public void A_batch_gives_the_same_features_as_one_image_at_a_time()
    {
        var tensors = SomeTensors(4);
        var batched = ResNet18Backbone.Shared.Featurize(tensors.SelectMany(t => t).ToArray(), tensors.Length);
        for (var i = 0; i < tensors.Length; i++)
        {
            var single = ResNet18Backbone.Shared.Featurize(tensors[i], 1);
            for (var k = 0; k < single.Length; k++)
            {
                Assert.Equal(single[k], batched[(i * ResNet18Backbone.FeatureLength) + k], 1e-4f);
            }
        }
    }

    [Fact]
    public void Missing_model_files_give_a_backbone_error_naming_the_file()
    {
        using var directory = new TempDirectory();
        var error = Assert.Throws<BackboneException>(() => new ResNet18Backbone(directory.Path));
        Assert.Contains("ResNet18.onnx", error.Message);
    }
}
