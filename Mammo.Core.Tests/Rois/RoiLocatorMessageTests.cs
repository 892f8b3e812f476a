using Mammo.CbisDdsm;
using Mammo.Rois;
using Mammo.Tests.Support;

namespace Mammo.Tests.Rois;

/// <summary>What the locator says when the folder is missing or a row has several files.</summary>
public sealed class RoiLocatorMessageTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void A_missing_folder_is_refused_naming_it()
    {
        var missing = directory.File("nowhere");
        var e = Assert.Throws<DatasetException>(() => new RoiLocator(missing));
        Assert.Equal($"{missing}: the ROI folder does not exist", e.Message);
        Assert.Equal(missing, e.Dataset);
    }

    [Fact]
    public void A_row_with_several_files_is_ambiguous_and_gets_none_all_are_named()
    {
        File.WriteAllText(directory.File("P_00001_LEFT_CC_1.png"), "");
        File.WriteAllText(directory.File("Mass-Test_P_00001_LEFT_CC_1.h5"), "");
        var row = CaseDescriptionReader.Read(new StringReader(TestFiles.Csv(TestFiles.MassHeader, TestFiles.MassRow())), "r.csv")[0];
        var located = new RoiLocator(directory.Path).Locate(row);
        Assert.Null(located.Path);
        Assert.Equal("ambiguous ROI for P_00001_LEFT_CC_1: P_00001_LEFT_CC_1.png, Mass-Test_P_00001_LEFT_CC_1.h5", located.Problem);
    }
}
