using Mammo.Backbone;
using Mammo.Preprocessing;
using Mammo.Rois;

namespace Mammo.MachineLearning;

/// <summary>The one place the ML.NET featuriser turns a decoded ROI into the backbone's 512 features.</summary>
/// <remarks>
/// Kept to a single method on purpose: when Mammo gets one shared internal feature source, only this body changes.
/// One ROI per call: ML.NET's custom mappings see one row at a time (batch 1 runs at about 90% of batched speed).
/// </remarks>
internal static class RoiFeatures
{
    public static float[] Featurize(RoiImage roi, RoiOptions options) =>
        ResNet18Backbone.Shared.Featurize(RoiPreprocessor.Preprocess(roi, options), 1);
}
