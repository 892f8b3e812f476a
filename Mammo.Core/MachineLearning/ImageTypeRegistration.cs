using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace Mammo.MachineLearning;

/// <summary>Tells ML.NET's type system that an <see cref="MLImage"/> property holds an image of any size.</summary>
/// <remarks>
/// ML.NET registers the type only when a property carries <c>[ImageType(height, width)]</c>, which fixes the size;
/// ROI crops vary in size. Registering the same pair again is allowed, so this may run any number of times.
/// </remarks>
internal static class ImageTypeRegistration
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        DataViewTypeManager.Register(new ImageDataViewType(), typeof(MLImage));
        return true;
    });

    public static void Ensure() => _ = Registered.Value;
}
