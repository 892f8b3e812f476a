using Microsoft.ML.Transforms;

namespace Mammo.MachineLearning;

/// <summary>ML.NET image to features. ML.NET finds this class by its contract name when it loads a saved pipeline.</summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class ImageFeaturesFactory : CustomMappingFactory<ImageRow, FeatureRow>
{
    public const string ContractName = "Mammo.RoiFeatures.Image.v1";

    // Made by ML.NET on load, before it reads the input row's type: the image type must be known by then.
    public ImageFeaturesFactory() => ImageTypeRegistration.Ensure();

    public override Action<ImageRow, FeatureRow> GetMapping() => Map;

    private static void Map(ImageRow input, FeatureRow output)
    {
        var options = RoiOptionsText.FromPipeline(input.Options);
        output.Features = RoiFeatures.Featurize(MlImageRoi.ToRoi(input.Image, options), options);
    }
}
