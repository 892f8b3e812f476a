using System.Text;
using Mammo.CbisDdsm;
using Mammo.Tests.Support;

namespace Mammo.Tests.CbisDdsm;

/// <summary>
/// The written files byte for byte: no BOM, CRLF record ends, <c>NA</c> for no terms, and each schema's newline inside
/// its quoted path (the mask path in mass files, the cropped image path in calcification files).
/// </summary>
public sealed class CaseDescriptionWriterLayoutTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static CaseRecord Row(string patient, AbnormalityType type) => new()
    {
        PatientId = patient,
        Side = BreastSide.Right,
        View = ImageView.MLO,
        AbnormalityId = 2,
        AbnormalityType = type,
        BreastDensity = 3,
        Assessment = 4,
        Pathology = Pathology.BenignWithoutCallback,
        Subtlety = 5,
        ImageFilePath = "full.dcm",
        CroppedImageFilePath = "crop.dcm",
        RoiMaskFilePath = "mask.dcm",
    };

    [Fact]
    public void A_mass_file_has_the_official_layout()
    {
        var path = directory.File("mass.csv");
        CaseDescriptionWriter.WriteMass(path, [
            Row("P_00001", AbnormalityType.Mass) with { MassShapes = [MassShape.Irregular, MassShape.LymphNode], MassMargins = [MassMargin.IllDefined] },
            Row("P_00002", AbnormalityType.Mass),
        ]);
        Assert.Equal(
            TestFiles.MassHeader + "\r\n" +
            "P_00001,3,RIGHT,MLO,2,mass,IRREGULAR-LYMPH_NODE,ILL_DEFINED,4,BENIGN_WITHOUT_CALLBACK,5,full.dcm,crop.dcm,\"mask.dcm\n\"\r\n" +
            "P_00002,3,RIGHT,MLO,2,mass,NA,NA,4,BENIGN_WITHOUT_CALLBACK,5,full.dcm,crop.dcm,\"mask.dcm\n\"\r\n",
            Encoding.UTF8.GetString(File.ReadAllBytes(path)));
    }

    [Fact]
    public void A_calcification_file_has_the_official_layout()
    {
        var path = directory.File("calc.csv");
        CaseDescriptionWriter.WriteCalcification(path, [
            Row("P_00005", AbnormalityType.Calcification) with { CalcTypes = ["FINE_LINEAR_BRANCHING", "PUNCTATE"], CalcDistributions = ["CLUSTERED"] },
            Row("P_00006", AbnormalityType.Calcification),
        ]);
        Assert.Equal(
            TestFiles.CalcHeader + "\r\n" +
            "P_00005,3,RIGHT,MLO,2,calcification,FINE_LINEAR_BRANCHING-PUNCTATE,CLUSTERED,4,BENIGN_WITHOUT_CALLBACK,5,full.dcm,\"crop.dcm\n\",mask.dcm\r\n" +
            "P_00006,3,RIGHT,MLO,2,calcification,NA,NA,4,BENIGN_WITHOUT_CALLBACK,5,full.dcm,\"crop.dcm\n\",mask.dcm\r\n",
            Encoding.UTF8.GetString(File.ReadAllBytes(path)));
    }

    [Fact]
    public void A_row_of_the_other_schema_is_refused_naming_it_and_nothing_is_written()
    {
        var path = directory.File("mass.csv");
        var error = Assert.Throws<ArgumentException>(() => CaseDescriptionWriter.WriteMass(
            path, [Row("P_00001", AbnormalityType.Mass), Row("P_00005", AbnormalityType.Calcification)]));
        Assert.Equal("P_00005_RIGHT_MLO_2 is a Calcification row; this file holds Mass rows. (Parameter 'records')", error.Message);
        Assert.False(File.Exists(path));
    }
}
