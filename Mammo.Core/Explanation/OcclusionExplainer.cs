using Mammo.Preprocessing;
using Mammo.Rois;

namespace Mammo.Explanation;

/// <summary>
/// Occlusion sensitivity: a square of neutral grey slides over the preprocessed input on a grid; each occluded copy is
/// scored, and the map is the drop in the malignancy logit. The scorer is injected (backbone and head in the classifier,
/// a plain function in tests), so this class knows nothing of ONNX or ML.NET.
/// </summary>
/// <remarks>Stateless: safe from many threads when the scorer is. Deterministic when the scorer is: the batches are always made up the same way.</remarks>
internal static class OcclusionExplainer
{
    private const int Plane = RoiPreprocessor.Side * RoiPreprocessor.Side;

    /// <summary>Bounds the logit: float probabilities saturate near 0 and 1.</summary>
    private const double ProbabilityFloor = 1e-6;

    /// <summary>The malignancy logit of a head probability, log(p / (1 - p)), with p kept within [1e-6, 1 - 1e-6].</summary>
    public static double Logit(double probability)
    {
        var p = Math.Clamp(probability, ProbabilityFloor, 1 - ProbabilityFloor);
        return Math.Log(p / (1 - p));
    }

    /// <summary>Cuts a backbone's flat output into one feature vector per image.</summary>
    public static List<float[]> Split(float[] features, int count)
    {
        var length = features.Length / count;
        return Enumerable.Range(0, count).Select(i => features.AsSpan(i * length, length).ToArray()).ToList();
    }

    /// <summary>Explains one ROI: preprocesses it as the classifier does, occludes, and places the map in the ROI's coordinates.</summary>
    /// <param name="roi">The decoded ROI.</param>
    /// <param name="roiOptions">How the model crops ROIs.</param>
    /// <param name="prediction">The classifier's prediction for the ROI, carried into the result.</param>
    /// <param name="score">Scores <c>count</c> preprocessed tensors laid end to end; returns one malignancy logit each.</param>
    /// <param name="options">The occlusion settings.</param>
    /// <param name="cancellationToken">Checked before each batch.</param>
    public static MassExplanation Explain(
        RoiImage roi, RoiOptions roiOptions, MassPrediction prediction, Func<float[], int, double[]> score, ExplanationOptions options,
        CancellationToken cancellationToken)
    {
        options.Validate();
        var tensor = RoiPreprocessor.Preprocess(roi, roiOptions);
        var (centreX, centreY, side) = RoiPreprocessor.SquareToSample(roi, roiOptions);
        var occlusion = Occlude(tensor, score, options, cancellationToken);
        var input = new float[Plane];
        for (var i = 0; i < Plane; i++)
        {
            input[i] = tensor[i] / 255f;
        }

        var lesion = roi.Lesion is { } b ? new LesionBox(b.Left, b.Top, b.Right, b.Bottom) : (LesionBox?)null;
        return new MassExplanation(
            prediction, occlusion.Baseline, roi.Width, roi.Height, (float[])roi.Pixels.Clone(), lesion,
            new CropSquare(centreX - (side / 2), centreY - (side / 2), side), input, options.Grid, options.PatchSize,
            occlusion.FillValue, occlusion.Drops, occlusion.Map);
    }

    /// <summary>Occludes a preprocessed 3 x 224 x 224 tensor (0..255) at every grid position and scores the copies.</summary>
    public static OcclusionResult Occlude(float[] tensor, Func<float[], int, double[]> score, ExplanationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(score);
        if (tensor.Length != RoiPreprocessor.TensorLength)
        {
            throw new ArgumentException($"The tensor must hold {RoiPreprocessor.TensorLength} floats.", nameof(tensor));
        }

        options.Validate();
        var fill = options.FillValue is { } f ? (float)(f * 255) : (float)(tensor.AsSpan(0, Plane).ToArray().Average(v => (double)v));
        var offsets = Offsets(options.Grid, options.PatchSize);
        var positions = options.Grid * options.Grid;

        // Copy 0 is the intact input; copy k + 1 has the patch at position k (row-major).
        var copies = positions + 1;
        var logits = new double[copies];
        for (var start = 0; start < copies; start += options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(options.BatchSize, copies - start);
            var batch = new float[count * RoiPreprocessor.TensorLength];
            for (var j = 0; j < count; j++)
            {
                var copy = batch.AsSpan(j * RoiPreprocessor.TensorLength, RoiPreprocessor.TensorLength);
                tensor.CopyTo(copy);
                if (start + j > 0)
                {
                    var (row, column) = Math.DivRem(start + j - 1, options.Grid);
                    Fill(copy, offsets[column], offsets[row], options.PatchSize, fill);
                }
            }

            var scores = score(batch, count);
            if (scores.Length != count)
            {
                throw new InvalidOperationException($"The scorer returned {scores.Length} logits for {count} inputs.");
            }

            scores.CopyTo(logits, start);
        }

        var drops = new double[positions];
        for (var k = 0; k < positions; k++)
        {
            drops[k] = logits[0] - logits[k + 1];
        }

        return new OcclusionResult(logits[0], fill / 255.0, drops, Map(drops, offsets, options.PatchSize));
    }

    /// <summary>The top-left input coordinate of each patch position along one axis, spread evenly from edge to edge.</summary>
    internal static int[] Offsets(int grid, int patch)
    {
        var room = RoiPreprocessor.Side - patch;
        return grid == 1
            ? [room / 2]
            : Enumerable.Range(0, grid).Select(k => (int)Math.Round(k * room / (double)(grid - 1), MidpointRounding.AwayFromZero)).ToArray();
    }

    /// <summary>Each input pixel's value is the mean drop of the patch positions that covered it.</summary>
    private static float[] Map(double[] drops, int[] offsets, int patch)
    {
        var sum = new double[Plane];
        var covered = new int[Plane];
        var grid = offsets.Length;
        for (var k = 0; k < drops.Length; k++)
        {
            var (row, column) = Math.DivRem(k, grid);
            for (var v = offsets[row]; v < offsets[row] + patch; v++)
            {
                for (var u = offsets[column]; u < offsets[column] + patch; u++)
                {
                    sum[(v * RoiPreprocessor.Side) + u] += drops[k];
                    covered[(v * RoiPreprocessor.Side) + u]++;
                }
            }
        }

        var map = new float[Plane];
        for (var i = 0; i < Plane; i++)
        {
            map[i] = covered[i] == 0 ? 0f : (float)(sum[i] / covered[i]);
        }

        return map;
    }

    private static void Fill(Span<float> tensor, int left, int top, int patch, float value)
    {
        for (var channel = 0; channel < RoiPreprocessor.Channels; channel++)
        {
            for (var v = top; v < top + patch; v++)
            {
                tensor.Slice((channel * Plane) + (v * RoiPreprocessor.Side) + left, patch).Fill(value);
            }
        }
    }
}
