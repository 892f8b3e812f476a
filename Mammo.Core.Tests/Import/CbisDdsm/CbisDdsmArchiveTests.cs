using Mammo.Import.CbisDdsm;
using Mammo.Tests.Support;

namespace Mammo.Tests.Import.CbisDdsm;

/// <summary>How a download is indexed: DICOM files under case folders, nothing else, and the shallowest <c>dicom_info.csv</c>.</summary>
public sealed class CbisDdsmArchiveTests : IDisposable
{
    private const string InfoHeader = "file_path,image_path,PatientID,SeriesDescription\n";

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private string Touch(params string[] parts)
    {
        var path = Path.Combine([directory.Path, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, parts[^1] == DicomInfoFile.FileName ? InfoHeader : "x");
        return path;
    }

    [Fact]
    public void Only_dicom_files_under_a_case_folder_are_indexed_and_counted()
    {
        var full = Touch("Mass-Training_P_00001_LEFT_CC", "1", "000000.dcm");
        var crop = Touch("Mass-Training_P_00001_LEFT_CC_1", "08-07-2016-DDSM-NA-1", "1.000000-ROI mask images-2", "1-1.DCM");
        var mask = Touch("Mass-Training_P_00001_LEFT_CC_1", "08-07-2016-DDSM-NA-1", "1.000000-ROI mask images-2", "1-2.dcm");
        Touch("Mass-Training_P_00001_LEFT_CC_1", "notes.txt");
        Touch("Mass-Training_P_00001_LEFT_CC", "1", "000000.dcm.txt");
        Touch("not-a-case", "000000.dcm");

        var archive = CbisDdsmArchive.Scan(directory.Path, CancellationToken.None);

        Assert.Equal(3, archive.FileCount);
        Assert.Null(archive.DicomInfoPath);
        var single = Assert.Single(archive.FilesOf("MASS-TRAINING_P_00001_LEFT_CC"));
        Assert.Equal((full, "Mass-Training_P_00001_LEFT_CC", "1", false), (single.Path, single.CaseFolder, single.Description, single.IsJpeg));
        var roi = archive.FilesOf("Mass-Training_P_00001_LEFT_CC_1");
        Assert.Equal([crop, mask], roi.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.All(roi, f => Assert.Equal("08-07-2016-DDSM-NA-1/1.000000-ROI mask images-2", f.Description));
        Assert.Empty(archive.FilesOf("not-a-case"));
    }

    [Fact]
    public void The_shallowest_dicom_info_file_is_read_whichever_is_found_first()
    {
        // The deeper file's path has fewer letters: depth is counted in folders, not characters.
        var shallow = Touch("csv-folder-with-a-long-name", DicomInfoFile.FileName);
        Touch("a", "b", DicomInfoFile.FileName);

        Assert.Equal(shallow, CbisDdsmArchive.Scan(directory.Path, CancellationToken.None).DicomInfoPath);
    }

    [Fact]
    public void Of_two_dicom_info_files_at_one_depth_the_first_found_is_kept()
    {
        Touch("x", DicomInfoFile.FileName);
        Touch("y", DicomInfoFile.FileName);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive };
        var first = Directory.EnumerateFiles(directory.Path, "*", options).First();

        Assert.Equal(first, CbisDdsmArchive.Scan(directory.Path, CancellationToken.None).DicomInfoPath);
    }

    [Fact]
    public void A_cancelled_scan_stops()
    {
        Touch("Mass-Training_P_00001_LEFT_CC", "1.dcm");
        Assert.Throws<OperationCanceledException>(() => CbisDdsmArchive.Scan(directory.Path, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void A_missing_folder_is_refused_naming_it()
    {
        var missing = directory.File("nowhere");
        var error = Assert.Throws<ImportException>(() => CbisDdsmArchive.Scan(missing, CancellationToken.None));
        Assert.Equal($"{missing}: the CBIS-DDSM image folder does not exist", error.Message);
    }
}
