using Mammo.Backbone;
using Microsoft.ML.Data;

namespace Mammo.MachineLearning;

/// <summary>The output of both mappings: the backbone's 512 features.</summary>
internal sealed class FeatureRow
{
    [ColumnName(ColumnNames.Features)]
    [VectorType(ResNet18Backbone.FeatureLength)]
    public float[] Features { get; set; } = new float[ResNet18Backbone.FeatureLength];
}
