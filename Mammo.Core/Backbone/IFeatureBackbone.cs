namespace Mammo.Backbone;

/// <summary>
/// What the feature source needs of a network: preprocessed tensors in, one feature vector per tensor out. The seam lets
/// the training logic run on a cheap backbone in tests; Mammo itself always uses <see cref="ResNet18Backbone"/>.
/// </summary>
internal interface IFeatureBackbone
{
    /// <summary>Gets a human-readable name, recorded in saved models.</summary>
    string Name { get; }

    /// <summary>Gets the length of one feature vector.</summary>
    int FeatureLength { get; }

    /// <summary>Gets a hash of the network's weights: part of every feature-cache key and checked when a model is loaded.</summary>
    string Sha256 { get; }

    /// <summary>Runs <paramref name="count"/> preprocessed 3 x 224 x 224 tensors and returns their features, one after another.</summary>
    /// <param name="tensors">The tensors.</param>
    /// <param name="geometries">Where the lesion lies in each tensor (a backbone that pools feature maps by region uses it).</param>
    /// <param name="count">The number of tensors.</param>
    float[] Featurize(ReadOnlySpan<float> tensors, ReadOnlySpan<Features.LesionGeometry> geometries, int count);
}
