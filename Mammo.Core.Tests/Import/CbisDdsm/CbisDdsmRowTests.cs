using Mammo.CbisDdsm;
using Mammo.Import.CbisDdsm;

namespace Mammo.Tests.Import.CbisDdsm;

/// <summary>The small records the importer matches rows and files with.</summary>
public sealed class CbisDdsmRowTests
{
    private static CbisDdsmRow Row(string image, string crop, string mask) =>
        new(0, "/data/mass.csv", 1, new CaseRecord
        {
            PatientId = "P_00001",
            Side = BreastSide.Left,
            View = ImageView.CC,
            AbnormalityId = 1,
            AbnormalityType = AbnormalityType.Mass,
            BreastDensity = 2,
            Assessment = 4,
            Pathology = Pathology.Malignant,
            Subtlety = 3,
            ImageFilePath = image,
            CroppedImageFilePath = crop,
            RoiMaskFilePath = mask,
        });

    [Fact]
    public void The_roi_folders_leave_out_empty_paths_and_the_full_images_folder()
    {
        var row = Row("Mass-Training_P_00001_LEFT_CC/1/2/000000.dcm", "mass-training_p_00001_left_cc/3/000000.dcm", "");
        Assert.Equal("Mass-Training_P_00001_LEFT_CC", row.FullImageFolder);
        Assert.Empty(row.RoiFolders);
        Assert.Equal("mass.csv row 1", row.Source);
    }

    [Fact]
    public void The_roi_folders_are_the_masks_then_the_crops_once_each()
    {
        Assert.Equal(
            ["Mass-Training_P_00001_LEFT_CC_2", "Mass-Training_P_00001_LEFT_CC_1"],
            Row("Mass-Training_P_00001_LEFT_CC/1.dcm", "Mass-Training_P_00001_LEFT_CC_1/a.dcm", "Mass-Training_P_00001_LEFT_CC_2/b.dcm").RoiFolders);
        Assert.Equal(
            ["MASS-TRAINING_P_00001_LEFT_CC_1"],
            Row("Mass-Training_P_00001_LEFT_CC/1.dcm", "Mass-Training_P_00001_LEFT_CC_1/a.dcm", "MASS-TRAINING_P_00001_LEFT_CC_1/b.dcm").RoiFolders);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("  / \\ ", "")]
    [InlineData(" Mass-Training_P_00001_LEFT_CC /1/2.dcm", "Mass-Training_P_00001_LEFT_CC")]
    [InlineData("\\Calc-Test_P_00002_RIGHT_MLO_1\\x.dcm", "Calc-Test_P_00002_RIGHT_MLO_1")]
    public void A_paths_case_folder_is_its_first_component(string path, string folder) =>
        Assert.Equal(folder, CbisDdsmArchive.FolderOf(path));

    [Theory]
    [InlineData("1.000000-full mammogram images-24515", true)]
    [InlineData("FULL MAMMOGRAM images", true)]
    [InlineData("1.000000-ROI mask images-25005", false)]
    [InlineData("", false)]
    public void A_file_says_it_is_a_full_mammogram_by_its_description(string description, bool says) =>
        Assert.Equal(says, new CbisDdsmFile("x.dcm", "Mass-Training_P_00001_LEFT_CC", description, IsJpeg: false).SaysFullMammogram);

    [Fact]
    public void An_image_has_a_size_only_when_both_sides_match()
    {
        var image = new CbisDdsmImage("x.dcm", 30, 20, new ushort[600], IsLossy: false);
        Assert.True(image.HasSize(30, 20));
        Assert.False(image.HasSize(30, 21));
        Assert.False(image.HasSize(31, 20));
    }
}
