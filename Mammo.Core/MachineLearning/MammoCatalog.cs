using Mammo.Rois;
using Microsoft.ML;

namespace Mammo.MachineLearning;

/// <summary>Mammo's transforms in ML.NET's catalogs: <c>mlContext.Transforms.FeaturizeMammogramRoi(...)</c>.</summary>
public static class MammoCatalog
{
    /// <summary>
    /// Turns a column of mammogram ROIs into the 512 features of Mammo's frozen ResNet18: each ROI is read with Mammo's
    /// readers (HDF5 or grey PNG, lesion mask included), cropped around the lesion and brought to 224 x 224 exactly as
    /// <see cref="MassClassifier"/> does. Append any ML.NET trainer; the fitted pipeline saves and loads with
    /// <c>mlContext.Model.Save</c> / <c>Load</c>, in a fresh process too, with nothing to register.
    /// </summary>
    /// <param name="catalog">The transforms catalog of an <see cref="MLContext"/>.</param>
    /// <param name="outputColumnName">The column to write: a vector of 512 <see cref="float"/> values.</param>
    /// <param name="inputColumnName">
    /// The ROI column: text holding ROI file paths (<c>.h5</c>, <c>.hdf5</c>, <c>.png</c>), or ML.NET images
    /// (<c>MLImage</c>, from <c>mlContext.Transforms.LoadImages</c>). An 8-bit grey PNG gives the same features either way;
    /// an image keeps the lesion mask beside its file (<c>X_mask.png</c>) when <c>LoadImages</c> read it from a file.
    /// </param>
    /// <param name="options">How ROIs are read and cropped; <see langword="null"/> for <see cref="RoiOptions.Default"/>.
    /// They are saved with the pipeline and used again when it is loaded.</param>
    /// <returns>An estimator; fitting it only checks the column, there is nothing to learn.</returns>
    /// <remarks>
    /// An unusable ROI stops the pipeline with a <see cref="RoiFormatException"/> naming the file. ROIs are featurised one
    /// row at a time (about 40 ms each on 2 cores); columns whose names start with <c>__mammo_</c> are reserved.
    /// </remarks>
    public static IEstimator<ITransformer> FeaturizeMammogramRoi(
        this TransformsCatalog catalog, string outputColumnName = "Features", string inputColumnName = "RoiPath", RoiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        ArgumentException.ThrowIfNullOrEmpty(inputColumnName);
        foreach (var (name, parameter) in new[] { (outputColumnName, nameof(outputColumnName)), (inputColumnName, nameof(inputColumnName)) })
        {
            if (name.StartsWith(ColumnNames.Prefix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Column names starting with '{ColumnNames.Prefix}' are reserved for Mammo's working columns.", parameter);
            }
        }

        options ??= RoiOptions.Default;
        options.Validate();

        // ML.NET keeps a catalog's own context internal; the steps need none of its state (no randomness, nothing learnt),
        // so a private context builds them. The fitted transformers save and load through the user's context like any other.
        return new RoiFeaturizerEstimator(new MLContext(seed: 0), outputColumnName, inputColumnName, options);
    }
}
