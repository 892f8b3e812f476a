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
        var tensors = SomeTensors(3);
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(tensors.Select(t => new PixelRow { Pixels = t }));
        var pipeline = ml.Transforms.DnnFeaturizeImage("Features", m => m.ModelSelector.ResNet18(ml, m.OutputColumn, m.InputColumn), "Pixels");
        var expected = pipeline.Fit(data).Transform(data).GetColumn<float[]>("Features").ToList();

        var batch = tensors.SelectMany(t => t).ToArray();
        var actual = ResNet18Backbone.Shared.Featurize(batch, tensors.Length);

        Assert.Equal(tensors.Length * ResNet18Backbone.FeatureLength, actual.Length);
        for (var i = 0; i < tensors.Length; i++)
        {
            Assert.Equal(ResNet18Backbone.FeatureLength, expected[i].Length);
            var scale = expected[i].Max(Math.Abs);
            Assert.True(scale > 0);
            for (var k = 0; k < ResNet18Backbone.FeatureLength; k++)
            {
                var difference = Math.Abs(actual[(i * ResNet18Backbone.FeatureLength) + k] - expected[i][k]);
                Assert.True(difference <= 1e-4 * scale, $"image {i}, feature {k}: {actual[(i * ResNet18Backbone.FeatureLength) + k]} vs {expected[i][k]}");
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
