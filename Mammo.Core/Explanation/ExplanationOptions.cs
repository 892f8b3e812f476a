using Mammo.Preprocessing;

namespace Mammo.Explanation;

/// <summary>Settings of an occlusion-sensitivity explanation (<see cref="MassClassifier.Explain(string, ExplanationOptions?, CancellationToken)"/>).</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Option</term><description>Default and meaning</description></listheader>
/// <item><term><see cref="PatchSize"/></term><description>56: the side of the occluding square, in pixels of the 224 x 224 network input
/// (a quarter of it: about one lesion radius with the default crop of 2.5 radii)</description></item>
/// <item><term><see cref="Grid"/></term><description>7: patch positions per axis, spread evenly from edge to edge (stride
/// (224 - <see cref="PatchSize"/>) / (<see cref="Grid"/> - 1) = 28 pixels by default, so patches overlap by half). 7 x 7 = 49
/// occluded copies plus the intact one: about 1-1.5 s on 2 cores at 35-50 images/s</description></item>
/// <item><term><see cref="FillValue"/></term><description><see langword="null"/>: the patch is filled with the mean grey of the network
/// input, a neutral value that adds no edge of its own; or a grey level 0..1 on the ROI's stretched scale</description></item>
/// <item><term><see cref="BatchSize"/></term><description>16: occluded copies scored per backbone call</description></item>
/// </list>
/// </remarks>
public sealed record ExplanationOptions
{
    /// <summary>Gets the side of the occluding square in network-input pixels (1-224). Default 56.</summary>
    public int PatchSize { get; init; } = 56;

    /// <summary>Gets the number of patch positions per axis (1-224). Default 7.</summary>
    public int Grid { get; init; } = 7;

    /// <summary>Gets the grey level 0..1 the patch is filled with, or <see langword="null"/> for the input's mean grey. Default <see langword="null"/>.</summary>
    public double? FillValue { get; init; }

    /// <summary>Gets the number of occluded copies scored per backbone call (at least 1). Default 16.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Gets the distance between neighbouring patch positions in network-input pixels (0 with one position).</summary>
    public double Stride => Grid == 1 ? 0 : (RoiPreprocessor.Side - PatchSize) / (double)(Grid - 1);

    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the patches would leave gaps.</exception>
    internal void Validate()
    {
        // One-line messages that name the option: the console prints them as they are.
        Check(PatchSize is >= 1 and <= RoiPreprocessor.Side, nameof(PatchSize), $"The patch size is {PatchSize}; it must be 1 to {RoiPreprocessor.Side} input pixels.");
        Check(Grid is >= 1 and <= RoiPreprocessor.Side, nameof(Grid), $"The grid is {Grid}; it must be 1 to {RoiPreprocessor.Side} positions per axis.");
        Check(BatchSize >= 1, nameof(BatchSize), $"The batch size is {BatchSize}; it must be at least 1.");
        Check(FillValue is not { } fill || (fill >= 0 && fill <= 1), nameof(FillValue), $"The fill value is {FillValue}; it is a grey level from 0 to 1.");

        // Every input pixel must be covered by a patch, or the map would have holes.
        Check(
            !((Grid == 1 && PatchSize < RoiPreprocessor.Side) || Stride > PatchSize),
            nameof(Grid),
            $"The grid of {Grid} positions of a {PatchSize}-pixel patch leaves parts of the {RoiPreprocessor.Side}-pixel input uncovered; use more positions or a larger patch.");
    }

    private static void Check(bool valid, string option, string message)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(option, message);
        }
    }
}
