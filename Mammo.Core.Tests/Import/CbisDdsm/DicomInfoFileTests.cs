using Mammo.Import.CbisDdsm;
using Mammo.Tests.Support;

namespace Mammo.Tests.Import.CbisDdsm;

/// <summary><c>dicom_info.csv</c> of the JPEG redistribution: which rows become files, and its refusals word for word.</summary>
public sealed class DicomInfoFileTests : IDisposable
{
    private const string Header = "file_path,image_path,AccessionNumber,PatientID,SeriesDescription";

    private readonly TempDirectory directory = new();

    public DicomInfoFileTests()
    {
        Root = directory.File("root");
        Image = Path.Combine(Root, "jpeg", "1.3.6.1", "1-1.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(Image)!);
        File.WriteAllText(Image, "x");
        File.WriteAllText(directory.File("outside.jpg"), "x");
    }

    public void Dispose() => directory.Dispose();

    private string Root { get; }

    private string Image { get; }

    private string Info(params string[] lines) => TestFiles.WriteText(directory, DicomInfoFile.FileName, string.Join("\n", lines) + "\n");

    [Fact]
    public void Rows_become_files_with_their_case_folder_and_description_whatever_the_slashes()
    {
        var info = Info(
            Header,
            "d,CBIS-DDSM/jpeg/1.3.6.1/1-1.jpg,,Mass-Training_P_00001_LEFT_CC_1,ROI mask images",
            "d,CBIS-DDSM\\jpeg\\1.3.6.1\\1-1.jpg,a\"b,Mass-Training_P_00001_LEFT_CC_2, cropped images ,an extra field");

        var files = DicomInfoFile.Read(info, Root).Files;

        Assert.Equal(
            [(Image, "Mass-Training_P_00001_LEFT_CC_1", "ROI mask images", true), (Image, "Mass-Training_P_00001_LEFT_CC_2", "cropped images", true)],
            files.Select(f => (f.Path, f.CaseFolder, f.Description, f.IsJpeg)));
    }

    [Fact]
    public void Rows_without_a_path_or_a_case_folder_or_naming_a_missing_or_outside_file_are_left_out()
    {
        var info = Info(
            Header,
            "d,CBIS-DDSM/jpeg/1.3.6.1/1-1.jpg,,,ROI mask images",
            "d,,,Mass-Training_P_00001_LEFT_CC_1,ROI mask images",
            "d,CBIS-DDSM/jpeg/1.3.6.1/9-9.jpg,,Mass-Training_P_00001_LEFT_CC_1,ROI mask images",
            "d,../outside.jpg,,Mass-Training_P_00001_LEFT_CC_1,ROI mask images",
            "d,jpeg/1.3.6.1/1-1.jpg,,Mass-Training_P_00001_LEFT_CC_3,full mammogram images");

        var rows = DicomInfoFile.Read(info, Root);

        var file = Assert.Single(rows.Files);
        Assert.Equal((Image, "Mass-Training_P_00001_LEFT_CC_3"), (file.Path, file.CaseFolder));
        Assert.Equal((5, 2, 2), (rows.Count, rows.Incomplete, rows.Unresolved));
        Assert.Equal("5 rows: 1 name an image found under the images folder, 2 name none there, 2 lack image_path or PatientID", rows.Describe());
    }

    [Fact]
    public void A_missing_column_is_refused_naming_it_and_the_columns_found()
    {
        var info = Info("image_path,SeriesDescription", "CBIS-DDSM/jpeg/1/1-1.jpg,ROI mask images");
        var error = Assert.Throws<ImportException>(() => DicomInfoFile.Read(info, Root));
        Assert.Equal($"{info}, line 1: the column 'PatientID' is missing (found: image_path, SeriesDescription)", error.Message);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var info = TestFiles.WriteText(directory, DicomInfoFile.FileName, "");
        var error = Assert.Throws<ImportException>(() => DicomInfoFile.Read(info, Root));
        Assert.Equal($"{info}: the file is empty", error.Message);
    }

    [Fact]
    public void A_row_shorter_than_the_header_is_refused_naming_its_line()
    {
        var info = Info(Header, "d,CBIS-DDSM/jpeg/1.3.6.1/1-1.jpg,,Mass-Training_P_00001_LEFT_CC_1,ROI mask images", "d,CBIS-DDSM/jpeg/1.3.6.1/1-1.jpg");

        var error = Assert.Throws<ImportException>(() => DicomInfoFile.Read(info, Root));

        Assert.Equal(3, error.Line);
        Assert.StartsWith($"{info}, line 3: not a readable CSV file: ", error.Message);
        Assert.Equal($"{info}, line 3: not a readable CSV file: {error.InnerException!.Message}", error.Message);
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_refused_with_the_reason()
    {
        var missing = directory.File("none.csv");
        var error = Assert.Throws<ImportException>(() => DicomInfoFile.Read(missing, Root));
        var inner = Assert.IsType<FileNotFoundException>(error.InnerException);
        Assert.Equal($"{missing}: cannot be read: {inner.Message}", error.Message);
    }
}
