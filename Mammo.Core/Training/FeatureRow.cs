using Mammo.Backbone;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Mammo.Training;

/// <summary>One row of the head's input: the backbone's features, the label and an example weight.</summary>
internal sealed class FeatureRow
{
    [VectorType(ResNet18Backbone.FeatureLength)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    public float Weight { get; set; } = 1;
}
