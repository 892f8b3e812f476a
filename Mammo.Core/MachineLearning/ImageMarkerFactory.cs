using Microsoft.ML.Transforms;

namespace Mammo.MachineLearning;

/// <summary>Adds an empty text column beside an image column (see <see cref="MarkerRow"/>).</summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class ImageMarkerFactory : CustomMappingFactory<ImageOnlyRow, MarkerRow>
{
    public const string ContractName = "Mammo.RoiFeatures.ImageMarker.v1";

    public ImageMarkerFactory() => ImageTypeRegistration.Ensure();

    public override Action<ImageOnlyRow, MarkerRow> GetMapping() => static (_, output) => output.Marker = "";
}
