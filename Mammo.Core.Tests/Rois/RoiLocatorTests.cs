using Mammo.CbisDdsm;
using Mammo.Rois;
using Mammo.Tests.Support;

namespace Mammo.Tests.Rois;

public sealed class RoiLocatorTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static CaseRecord Row(int id = 1, string view = "CC") =>
        CaseDescriptionReader.Read(new StringReader(TestFiles.Csv(TestFiles.MassHeader, TestFiles.MassRow(id: id, view: view))), "r.csv")[0];

    [Fact]
    public void Finds_plain_and_prefixed_names_and_never_another_abnormality()
    {
        File.WriteAllText(directory.File("P_00001_LEFT_CC_1.h5"), "");
        File.WriteAllText(directory.File("Mass-Training_P_00001_LEFT_CC_2.png"), "");
        File.WriteAllText(directory.File("P_00001_LEFT_CC_11.h5"), "");
        var locator = new RoiLocator(directory.Path);
        Assert.EndsWith("P_00001_LEFT_CC_1.h5", locator.Locate(Row(1)).Path);
        Assert.EndsWith("Mass-Training_P_00001_LEFT_CC_2.png", locator.Locate(Row(2)).Path);
        var missing = locator.Locate(Row(3));
        Assert.Null(missing.Path);
        Assert.Contains("no ROI file for P_00001_LEFT_CC_3", missing.Problem);
        Assert.Null(locator.Locate(Row(1, "MLO")).Path);
    }

    private static CaseRecord CalcRow() =>
        CaseDescriptionReader.Read(new StringReader(TestFiles.Csv(
            TestFiles.CalcHeader,
            "P_00001,2,LEFT,CC,1,calcification,AMORPHOUS,CLUSTERED,3,BENIGN,3,Calc-Training_P_00001_LEFT_CC/1/2/000000.dcm,Calc-Training_P_00001_LEFT_CC_1/3/4/000000.dcm,Calc-Training_P_00001_LEFT_CC_1/3/4/000001.dcm")), "c.csv")[0];

    [Fact]
    public void A_row_never_takes_another_abnormality_types_file()
    {
        // Mass and calcification ROIs in one folder, with the same case key: keys are unique only within one CSV.
        File.WriteAllText(directory.File("Calc-Training_P_00001_LEFT_CC_1.png"), "");
        var locator = new RoiLocator(directory.Path);
        var mass = locator.Locate(Row(1));
        Assert.Null(mass.Path);
        Assert.Contains("no ROI file for P_00001_LEFT_CC_1", mass.Problem);
        Assert.EndsWith("Calc-Training_P_00001_LEFT_CC_1.png", locator.Locate(CalcRow()).Path);

        File.WriteAllText(directory.File("Mass-Test_P_00001_LEFT_CC_1.h5"), "");
        locator = new RoiLocator(directory.Path);
        Assert.EndsWith("Mass-Test_P_00001_LEFT_CC_1.h5", locator.Locate(Row(1)).Path);
        Assert.EndsWith("Calc-Training_P_00001_LEFT_CC_1.png", locator.Locate(CalcRow()).Path);
    }

    [Fact]
    public void The_csvs_own_dicom_path_is_not_followed_since_the_archive_swaps_crop_and_mask()
    {
        var row = Row();
        var named = Path.Combine(directory.Path, row.CroppedImageFilePath);
        Directory.CreateDirectory(Path.GetDirectoryName(named)!);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Dicom", "explicit_le_u8.dcm"), named);

        Assert.Null(new RoiLocator(directory.Path).Locate(row).Path);

        File.WriteAllText(directory.File("P_00001_LEFT_CC_1.dcm"), "");
        Assert.EndsWith("P_00001_LEFT_CC_1.dcm", new RoiLocator(directory.Path).Locate(row).Path);
    }

    [Fact]
    public void Two_candidates_are_reported_as_ambiguous()
    {
        File.WriteAllText(directory.File("P_00001_LEFT_CC_1.h5"), "");
        File.WriteAllText(directory.File("P_00001_LEFT_CC_1.png"), "");
        var located = new RoiLocator(directory.Path).Locate(Row());
        Assert.Null(located.Path);
        Assert.Contains("ambiguous", located.Problem);
    }

    [Fact]
    public void A_missing_root_is_a_dataset_error()
    {
        Assert.Throws<DatasetException>(() => new RoiLocator(Path.Combine(directory.Path, "nope")));
    }
}
