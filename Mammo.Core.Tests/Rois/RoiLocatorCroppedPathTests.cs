using Mammo.CbisDdsm;
using Mammo.Rois;
using Mammo.Tests.Support;

namespace Mammo.Tests.Rois;

/// <summary>The locator's first branch: a row whose <c>cropped image file path</c> names an existing ROI file under the root.</summary>
public sealed class RoiLocatorCroppedPathTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static CaseRecord Row(string croppedPath, int id = 1) => new()
    {
        PatientId = "P_00007",
        Side = BreastSide.Right,
        View = ImageView.MLO,
        AbnormalityId = id,
        AbnormalityType = AbnormalityType.Mass,
        BreastDensity = 2,
        Assessment = 4,
        Pathology = Pathology.Malignant,
        Subtlety = 3,
        CroppedImageFilePath = croppedPath,
    };

    [Theory]
    [InlineData("crops/roi-7.h5")]
    [InlineData("crops/roi-7.png")]
    [InlineData("crops/roi-7.HDF5")]
    [InlineData("  crops/roi-7.h5\n")]
    public void A_cropped_path_naming_an_existing_roi_under_the_root_is_used(string given)
    {
        Directory.CreateDirectory(directory.File("crops"));
        var expected = directory.File(given.Trim());
        File.WriteAllText(expected, "");

        var located = new RoiLocator(directory.Path).Locate(Row(given));
        Assert.Equal(Path.GetFullPath(expected), located.Path);
        Assert.Null(located.Problem);
    }

    [Fact]
    public void The_named_file_wins_over_the_case_key_file_and_over_ambiguity()
    {
        Directory.CreateDirectory(directory.File("crops"));
        File.WriteAllText(directory.File("crops/roi-7.h5"), "");
        File.WriteAllText(directory.File("P_00007_RIGHT_MLO_1.h5"), "");
        File.WriteAllText(directory.File("P_00007_RIGHT_MLO_1.png"), "");

        var located = new RoiLocator(directory.Path).Locate(Row("crops/roi-7.h5"));
        Assert.Equal(Path.GetFullPath(directory.File("crops/roi-7.h5")), located.Path);
    }

    [Theory]
    [InlineData("crops/missing.h5")]
    [InlineData("Mass-Training_P_00007_RIGHT_MLO_1/1.3.6.3/1.3.6.4/000000.dcm")]
    [InlineData("crops/roi-7.jpg")]
    [InlineData("")]
    public void Otherwise_the_row_falls_back_to_its_case_key(string given)
    {
        Directory.CreateDirectory(directory.File("crops"));
        File.WriteAllText(directory.File("crops/roi-7.jpg"), "");
        File.WriteAllText(directory.File("P_00007_RIGHT_MLO_1.png"), "");

        var located = new RoiLocator(directory.Path).Locate(Row(given));
        Assert.Equal(directory.File("P_00007_RIGHT_MLO_1.png"), located.Path);

        var other = new RoiLocator(directory.Path).Locate(Row(given, id: 2));
        Assert.Null(other.Path);
        Assert.Contains("no ROI file for P_00007_RIGHT_MLO_2", other.Problem);
    }

    [Fact]
    public void A_cropped_path_leading_out_of_the_root_is_not_followed()
    {
        var root = directory.File("rois");
        Directory.CreateDirectory(root);
        File.WriteAllText(directory.File("outside.h5"), "");
        File.WriteAllText(Path.Combine(root, "P_00007_RIGHT_MLO_1.png"), "");

        foreach (var given in new[] { "../outside.h5", directory.File("outside.h5") })
        {
            var located = new RoiLocator(root).Locate(Row(given));
            Assert.Equal(Path.Combine(root, "P_00007_RIGHT_MLO_1.png"), located.Path);
        }
    }
}
