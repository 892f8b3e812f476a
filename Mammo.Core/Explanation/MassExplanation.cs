using Mammo.Preprocessing;

namespace Mammo.Explanation;

/// <summary>
/// Where the model looks for one ROI: an occlusion-sensitivity map. A square patch of neutral grey slid over the network's
/// 224 x 224 input on a grid; each map value is how much covering that place lowered the malignancy logit.
/// </summary>
/// <remarks>
/// <para>Positive values mark places that pushed the score towards malignant (hiding them lowers it); negative values mark
/// places that pushed it towards benign. The logit is log(p / (1 - p)) of the head's probability for the intact input,
/// with p kept within [1e-6, 1 - 1e-6]; it is the quantity the logistic-regression head is linear in.</para>
/// <para>The map explains the untransformed view. With dihedral test-time augmentation,
/// <see cref="Prediction"/> still averages all 8 views, as <see cref="MassClassifier.Predict(string)"/> does, while
/// <see cref="Logit"/> is that of the untransformed view alone.</para>
/// </remarks>
public sealed class MassExplanation
{
    /// <summary>The side of the network's square input, in pixels.</summary>
    public const int InputSide = RoiPreprocessor.Side;

    private readonly float[] roiPixels;
    private readonly float[] input;
    private readonly float[] inputMap;
    private readonly double[] drops;

    internal MassExplanation(
        MassPrediction prediction, double logit, int roiWidth, int roiHeight, float[] roiPixels, LesionBox? lesion, CropSquare crop,
        float[] input, int grid, int patchSize, double fillValue, double[] drops, float[] inputMap)
    {
        Prediction = prediction;
        Logit = logit;
        RoiWidth = roiWidth;
        RoiHeight = roiHeight;
        this.roiPixels = roiPixels;
        Lesion = lesion;
        Crop = crop;
        this.input = input;
        Grid = grid;
        PatchSize = patchSize;
        FillValue = fillValue;
        this.drops = drops;
        this.inputMap = inputMap;
    }

    /// <summary>Gets the prediction for the ROI: the same as <see cref="MassClassifier.Predict(string)"/> gives.</summary>
    public MassPrediction Prediction { get; }

    /// <summary>Gets the malignancy logit of the intact, untransformed input: the baseline every drop is measured from.</summary>
    public double Logit { get; }

    /// <summary>Gets the ROI's width in pixels.</summary>
    public int RoiWidth { get; }

    /// <summary>Gets the ROI's height in pixels.</summary>
    public int RoiHeight { get; }

    /// <summary>Gets the ROI's grey levels, stretched to 0..1, row-major (<see cref="RoiWidth"/> x <see cref="RoiHeight"/>).</summary>
    public ReadOnlyMemory<float> RoiPixels => roiPixels;

    /// <summary>Gets the bounding box of the ROI's lesion mask, or <see langword="null"/> when it has none.</summary>
    public LesionBox? Lesion { get; }

    /// <summary>Gets the square of the ROI the network saw.</summary>
    public CropSquare Crop { get; }

    /// <summary>Gets the network's input as grey levels 0..1, row-major <see cref="InputSide"/> x <see cref="InputSide"/>: what the network sees, before its mean image is subtracted.</summary>
    public ReadOnlyMemory<float> Input => input;

    /// <summary>Gets the number of patch positions per axis.</summary>
    public int Grid { get; }

    /// <summary>Gets the patch's side in network-input pixels.</summary>
    public int PatchSize { get; }

    /// <summary>Gets the grey level 0..1 the patch was filled with.</summary>
    public double FillValue { get; }

    /// <summary>
    /// Gets the drop in the malignancy logit for each patch position, row-major <see cref="Grid"/> x <see cref="Grid"/>
    /// (row = vertical position, top first).
    /// </summary>
    public ReadOnlyMemory<double> Drops => drops;

    /// <summary>
    /// Gets the map over the network's input, row-major <see cref="InputSide"/> x <see cref="InputSide"/>: each pixel holds
    /// the mean drop of the patch positions that covered it.
    /// </summary>
    public ReadOnlyMemory<float> InputMap => inputMap;

    /// <summary>Gets the largest absolute value in the map (0 for a flat map), for a symmetric colour scale.</summary>
    public double MaximumMagnitude => inputMap.Length == 0 ? 0 : inputMap.Max(v => Math.Abs(v));

    /// <summary>
    /// Places the map in the ROI's coordinates: one value per ROI pixel, row-major <see cref="RoiWidth"/> x
    /// <see cref="RoiHeight"/>, the map's value at the pixel's centre; <see cref="float.NaN"/> outside <see cref="Crop"/>.
    /// </summary>
    /// <returns>A new array.</returns>
    public float[] ToRoiMap()
    {
        var map = new float[RoiWidth * RoiHeight];
        var scale = InputSide / Crop.Side;
        var columns = new int[RoiWidth];
        for (var x = 0; x < RoiWidth; x++)
        {
            columns[x] = InputIndex(x, Crop.Left, scale);
        }

        for (var y = 0; y < RoiHeight; y++)
        {
            var v = InputIndex(y, Crop.Top, scale);
            for (var x = 0; x < RoiWidth; x++)
            {
                var u = columns[x];
                map[(y * RoiWidth) + x] = u < 0 || v < 0 ? float.NaN : inputMap[(v * InputSide) + u];
            }
        }

        return map;
    }

    /// <summary>The input pixel holding a ROI pixel's centre, or -1 when the centre lies outside the crop.</summary>
    private static int InputIndex(int pixel, double start, double scale)
    {
        var position = (pixel + 0.5 - start) * scale;
        return position >= 0 && position < InputSide ? Math.Min(InputSide - 1, (int)position) : -1;
    }
}
