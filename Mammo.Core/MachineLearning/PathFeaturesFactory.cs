using Mammo.Rois;
using Microsoft.ML.Transforms;

namespace Mammo.MachineLearning;

/// <summary>ROI file path to features. ML.NET finds this class by its contract name when it loads a saved pipeline.</summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class PathFeaturesFactory : CustomMappingFactory<PathRow, FeatureRow>
{
    public const string ContractName = "Mammo.RoiFeatures.Path.v1";

    public override Action<PathRow, FeatureRow> GetMapping() => Map;

    private static void Map(PathRow input, FeatureRow output)
    {
        var options = RoiOptionsText.FromPipeline(input.Options);
        output.Features = RoiFeatures.Featurize(RoiReader.Read(input.Path, options), options);
    }
}
