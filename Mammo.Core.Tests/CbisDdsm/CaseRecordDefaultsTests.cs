using Mammo.CbisDdsm;

namespace Mammo.Tests.CbisDdsm;

/// <summary>A record made without the DICOM path columns (as importers of other sources make them) has empty paths and no descriptors.</summary>
public sealed class CaseRecordDefaultsTests
{
    [Fact]
    public void Paths_and_descriptors_default_to_empty()
    {
        var record = new CaseRecord
        {
            PatientId = "MIAS_001",
            Side = BreastSide.Right,
            View = ImageView.MLO,
            AbnormalityId = 1,
            AbnormalityType = AbnormalityType.Mass,
            BreastDensity = 0,
            Assessment = 0,
            Pathology = Pathology.Benign,
            Subtlety = 0,
        };
        Assert.Equal("", record.ImageFilePath);
        Assert.Equal("", record.CroppedImageFilePath);
        Assert.Equal("", record.RoiMaskFilePath);
        Assert.Empty(record.MassShapes);
        Assert.Empty(record.MassMargins);
        Assert.Empty(record.CalcTypes);
        Assert.Empty(record.CalcDistributions);
        Assert.Equal("MIAS_001_RIGHT_MLO_1", record.CaseKey);
        Assert.Equal("MIAS_001_RIGHT_1", record.LesionKey);
    }
}
