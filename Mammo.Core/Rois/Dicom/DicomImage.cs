namespace Mammo.Rois.Dicom;

/// <summary>
/// A decoded grayscale DICOM image. <see cref="Pixels"/> hold the stored values made monotonic with brightness, so
/// every consumer reads them in MONOCHROME2's sense: signed values are offset by 2^(BitsStored-1) and MONOCHROME1
/// values are inverted within the stored range. Both changes keep the order of the values, which is all min-max
/// scaling needs; <see cref="ToStored"/> undoes them.
/// </summary>
internal sealed class DicomImage
{
    public required string Path { get; init; }

    public required DicomTransferSyntax TransferSyntax { get; init; }

    public required int Rows { get; init; }

    public required int Columns { get; init; }

    public required int BitsAllocated { get; init; }

    public required int BitsStored { get; init; }

    /// <summary>Gets a value indicating whether the stored values are signed (Pixel Representation 1).</summary>
    public required bool IsSigned { get; init; }

    public required int SamplesPerPixel { get; init; }

    /// <summary>Gets the Photometric Interpretation as stored: MONOCHROME1 or MONOCHROME2.</summary>
    public required string PhotometricInterpretation { get; init; }

    public double RescaleSlope { get; init; } = 1;

    public double RescaleIntercept { get; init; }

    public string PatientId { get; init; } = "";

    public string SeriesDescription { get; init; } = "";

    public string SopInstanceUid { get; init; } = "";

    public string SeriesInstanceUid { get; init; } = "";

    public string StudyInstanceUid { get; init; } = "";

    /// <summary>Gets the pixels, row-major, brighter is higher (see the class remarks); empty when only the header was read.</summary>
    public ushort[] Pixels { get; init; } = [];

    public bool IsMonochrome1 => PhotometricInterpretation == "MONOCHROME1";

    /// <summary>Gets the largest value <see cref="Pixels"/> can hold: 2^BitsStored - 1.</summary>
    public int MaximumValue => (1 << BitsStored) - 1;

    /// <summary>The stored value (signed where the file is signed) behind one of <see cref="Pixels"/>.</summary>
    public int ToStored(ushort pixel)
    {
        int value = IsMonochrome1 ? MaximumValue - pixel : pixel;
        return IsSigned ? value - (1 << (BitsStored - 1)) : value;
    }

    /// <summary>The modality value (Rescale Slope x stored + Rescale Intercept) behind one of <see cref="Pixels"/>.</summary>
    public double ToModality(ushort pixel) => (RescaleSlope * ToStored(pixel)) + RescaleIntercept;
}
