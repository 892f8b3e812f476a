using Mammo.Rois;
using Mammo.Training;

namespace Mammo.Persistence;

/// <summary>The manifest of a saved model: everything needed to check and use the head, as JSON inside the model file.</summary>
internal sealed record ModelManifest
{
    /// <summary>The format this version of Mammo writes, and the only one it reads.</summary>
    /// <remarks>2: a <c>checksum.sha256</c> entry covers the manifest and the head (1 verified the head only).</remarks>
    public const int CurrentFormatVersion = 2;

    public required int FormatVersion { get; init; }

    public required string MammoVersion { get; init; }

    public required string BackboneName { get; init; }

    public required string BackboneSha256 { get; init; }

    public required string HeadSha256 { get; init; }

    public required RoiOptions RoiOptions { get; init; }

    public required string Preprocessing { get; init; }

    public required double Threshold { get; init; }

    public required TrainingSummary Training { get; init; }

    /// <summary>Gets the feature recipe that turns a bundle into the head's input (null: the backbone's vectors as they are, format 1).</summary>
    public string? FeatureRecipe { get; init; }

    /// <summary>Gets the Platt calibration (slope, offset) fitted on held-out scores; 1 and 0 leave the head's probability as it is.</summary>
    public double CalibrationSlope { get; init; } = 1;

    /// <inheritdoc cref="CalibrationSlope"/>
    public double CalibrationOffset { get; init; }

    /// <summary>Gets the training data's majority class (true = malignant): the majority baseline predicts it; null in older files.</summary>
    public bool? TrainingMajorityMalignant { get; init; }
}
