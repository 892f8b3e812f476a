using Mammo.Backbone;
using Mammo.Features;
using Mammo.Preprocessing;
using Mammo.Rois;
using Mammo.Tests.Support;

namespace Mammo.Tests.Backbone;

/// <summary>
/// The stage runner writes the network's three outputs straight into its own arrays and pools the bundles of a batch on
/// all cores: each bundle must be the one its own image gives alone, in input order.
/// </summary>
public sealed class ResNet18StageRunnerTests
{
    [Fact]
    public void A_batch_gives_each_image_the_bundle_it_gets_alone_in_input_order()
    {
        var rois = SmallSynthetic.Test.Records.Take(6)
            .Select(r => RoiReader.Read(Path.Combine(SmallSynthetic.Data.RoiDirectory, r.CaseKey + ".h5"), RoiOptions.Default))
            .ToArray();
        var tensors = rois.Select(r => RoiPreprocessor.Preprocess(r, RoiOptions.Default)).ToArray();
        var geometries = rois.Select(r => LesionGeometry.Of(r, RoiOptions.Default, 0)).ToArray();
        var runner = ResNet18StageRunner.Shared;

        var batched = runner.Featurize(tensors.SelectMany(t => t).ToArray(), geometries, tensors.Length);
        var outputs = runner.Run(tensors.SelectMany(t => t).ToArray(), tensors.Length);
        var pooledOnly = ResNet18Backbone.Shared.Featurize(tensors.SelectMany(t => t).ToArray(), tensors.Length);
        Assert.Equal(tensors.Length * FeatureBundle.Length, batched.Length);
        for (var i = 0; i < tensors.Length; i++)
        {
            var alone = runner.Featurize(tensors[i], [geometries[i]], 1);
            var bundle = batched.AsSpan(i * FeatureBundle.Length, FeatureBundle.Length).ToArray();
            Assert.Equal(alone, bundle);
            Assert.Equal(FeatureBundle.Build(outputs, i, geometries[i]), bundle);

            // The pooled block is the plain backbone's output for the same image: the extra outputs change nothing.
            Assert.Equal(pooledOnly.AsSpan(i * ResNet18Backbone.FeatureLength, ResNet18Backbone.FeatureLength).ToArray(), bundle[..ResNet18Backbone.FeatureLength]);
        }

        // Different images give different bundles (the order test above would pass on a constant output otherwise).
        Assert.NotEqual(batched.AsSpan(0, FeatureBundle.Length).ToArray(), batched.AsSpan(FeatureBundle.Length, FeatureBundle.Length).ToArray());
    }
}
