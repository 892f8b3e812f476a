using Mammo.Backbone;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Mammo.Heads;

/// <summary>One row of the head's input: the backbone's features, the label and an example weight.</summary>
internal sealed class FeatureRow
{
    [VectorType(ResNet18Backbone.FeatureLength)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    public float Weight { get; set; } = 1;

    /// <summary>The row's schema with the feature vector's actual length (the attribute's 512 is ResNet18's).</summary>
    public static SchemaDefinition Schema(int featureLength)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureLength);
        return schema;
    }
}
