namespace Mammo.Rois;

/// <summary>How ROI files are read and where the lesion is cropped from them.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Option</term><description>Default and meaning</description></listheader>
/// <item><term><see cref="DatasetName"/></term><description><c>data</c>: the HDF5 dataset holding the crop.</description></item>
/// <item><term><see cref="ImageChannel"/></term><description>0: the channel of an H x W x C dataset holding the image.</description></item>
/// <item><term><see cref="MaskChannel"/></term><description>1: the channel holding a lesion mask when the dataset has that many channels
/// (as in the course project's files); <see langword="null"/> ignores masks in HDF5 files.</description></item>
/// <item><term><see cref="MaskFileSuffix"/></term><description><c>_mask</c>: a PNG crop <c>X.png</c> has its lesion mask in <c>X_mask.png</c> when that file exists.</description></item>
/// <item><term><see cref="LesionCropFactor"/></term><description>2.5: with a mask, the square crop's side is this many lesion radii, centred on
/// the lesion's extent. 0 uses the whole crop. On real mammograms a side of 2-3 radii decided between chance and a useful classifier.</description></item>
/// </list>
/// <para>Intensities: whatever the stored type (uint8, uint16, float32, float64), each ROI is stretched to 0..1 by its own
/// minimum and maximum, so an 8-bit and a 16-bit copy of one image give the same features; the square that reaches the
/// network is then stretched again by its own minimum and maximum, so the margin a file keeps around the lesion does not
/// change its features. NaN, infinite or constant images are refused. A mask channel counts as lesion where it exceeds half its own maximum (0/1 and 0/255 masks alike).</para>
/// <para>Masks are checked, not trusted: a channel or <c>_mask.png</c> file that is not essentially two-valued, whose
/// lesion covers more than half the ROI, or whose lesion is not mainly one connected region (a grey image stored as
/// RGB, a crop where its mask should be) makes the ROI refused with a <see cref="RoiFormatException"/> naming the file and
/// the reason, rather than silently cropping around the brighter half of the tissue. Files without masks: set
/// <see cref="MaskChannel"/> to <see langword="null"/>. An all-zero mask marks no lesion and the whole crop is used.</para>
/// </remarks>
public sealed record RoiOptions
{
    /// <summary>Gets the default options.</summary>
    public static RoiOptions Default { get; } = new();

    /// <summary>Gets the name of the HDF5 dataset holding the crop. Default <c>data</c>.</summary>
    public string DatasetName { get; init; } = "data";

    /// <summary>Gets the channel of a 3-D (H x W x C) dataset that holds the image. Default 0.</summary>
    public int ImageChannel { get; init; }

    /// <summary>Gets the channel of a 3-D dataset that holds the lesion mask, used when present. Default 1; <see langword="null"/> ignores it.</summary>
    public int? MaskChannel { get; init; } = 1;

    /// <summary>Gets the suffix of a PNG crop's mask file (<c>X.png</c> to <c>X_mask.png</c>). Default <c>_mask</c>.</summary>
    public string MaskFileSuffix { get; init; } = "_mask";

    /// <summary>Gets the side of the lesion-centred crop in lesion radii; 0 for the whole crop. Default 2.5.</summary>
    public double LesionCropFactor { get; init; } = 2.5;

    /// <summary>Gets a text that changes whenever an option changes what pixels reach the backbone (a feature-cache key part).</summary>
    internal string Signature =>
        FormattableString.Invariant($"ds={DatasetName};img={ImageChannel};mask={MaskChannel};suffix={MaskFileSuffix};crop={LesionCropFactor:R}");

    internal void Validate()
    {
        if (string.IsNullOrEmpty(DatasetName))
        {
            throw new ArgumentException("The HDF5 dataset name must not be empty.", nameof(DatasetName));
        }

        if (ImageChannel < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ImageChannel), ImageChannel, "Channels are zero-based and cannot be negative.");
        }

        if (MaskChannel < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaskChannel), MaskChannel, "Channels are zero-based and cannot be negative; null ignores masks.");
        }

        if (double.IsNaN(LesionCropFactor) || LesionCropFactor < 0 || (LesionCropFactor > 0 && LesionCropFactor < 2))
        {
            throw new ArgumentOutOfRangeException(
                nameof(LesionCropFactor), LesionCropFactor, "The lesion crop factor is 0 (whole crop) or at least 2 lesion radii.");
        }
    }
}
