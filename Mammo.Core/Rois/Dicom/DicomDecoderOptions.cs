namespace Mammo.Rois.Dicom;

/// <summary>What the DICOM reader reads and how much it accepts.</summary>
internal sealed record DicomDecoderOptions
{
    public static DicomDecoderOptions Default => new();

    /// <summary>Gets the options that read the header only (sizes and identifiers checked, pixels not loaded).</summary>
    public static DicomDecoderOptions HeaderOnly => new() { ReadPixels = false };

    /// <summary>Gets a value indicating whether the pixel data is loaded (otherwise only checked to be all there).</summary>
    public bool ReadPixels { get; init; } = true;

    /// <summary>Gets the largest image accepted, in pixels: a full mammogram is about 15 million.</summary>
    public long MaximumPixels { get; init; } = 100_000_000;

    /// <summary>Gets a buffer to decode into when it holds exactly the image's pixel count (it then becomes <see cref="DicomImage.Pixels"/>); otherwise a new array is allocated.</summary>
    public ushort[]? PixelBuffer { get; init; }

    /// <summary>Gets the deepest nesting of sequences accepted (real files nest a few levels).</summary>
    public int MaximumSequenceDepth { get; init; } = 32;
}
