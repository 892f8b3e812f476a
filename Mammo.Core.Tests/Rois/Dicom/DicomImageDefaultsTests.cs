using Mammo.Rois.Dicom;

namespace Mammo.Tests.Rois.Dicom;

/// <summary>The defaults of <see cref="DicomImage"/>'s optional members.</summary>
public sealed class DicomImageDefaultsTests
{
    [Fact]
    public void An_image_built_without_identifiers_has_empty_ones()
    {
        // The identifiers are optional in the files; an image made without them must not carry null or a placeholder.
        var image = new DicomImage
        {
            Path = "x.dcm",
            TransferSyntax = DicomTransferSyntax.FromUid("1.2.840.10008.1.2.1"),
            Rows = 1,
            Columns = 1,
            BitsAllocated = 8,
            BitsStored = 8,
            IsSigned = false,
            SamplesPerPixel = 1,
            PhotometricInterpretation = "MONOCHROME2",
        };

        Assert.Equal(["", "", "", "", ""], new[] { image.PatientId, image.SeriesDescription, image.SopInstanceUid, image.SeriesInstanceUid, image.StudyInstanceUid });
    }
}
