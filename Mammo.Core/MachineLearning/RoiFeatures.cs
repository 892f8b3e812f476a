using Mammo.Backbone;
using Mammo.Featurization;
using Mammo.Rois;

namespace Mammo.MachineLearning;

/// <summary>The one place the ML.NET featuriser turns a decoded ROI into the backbone's 512 features.</summary>
/// <remarks>
/// It goes through the same <see cref="FeatureSource"/> as training, evaluation and prediction, so the features are the
/// ones <see cref="MassClassifier"/> computes. One ROI per call: ML.NET's custom mappings see one row at a time (batch 1
/// runs at about 90% of batched speed).
/// </remarks>
internal static class RoiFeatures
{
    private static readonly int[] AsIs = [0];

    public static float[] Featurize(RoiImage roi, RoiOptions options) =>
        new FeatureSource(ResNet18Backbone.Shared, options, cache: null).Featurize(roi, AsIs)[0];
}
