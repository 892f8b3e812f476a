using Mammo.Import;
using Mammo.Import.CbisDdsm;
using Mammo.Tests.Support;
using StbImageWriteSharp;

namespace Mammo.Tests.Import.CbisDdsm;

/// <summary>
/// How the importer picks a row's full image and mask, and the reason for each row it skips, word for word, on
/// 40 x 30 DICOM films (one per row) built in a temporary folder.
/// </summary>
public sealed class CbisDdsmImporterMaskChoiceTests : IDisposable
{
    private const int Width = 40;
    private const int Height = 30;

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private string Images => directory.File("images");

    private string Output => directory.File("out");

    private static bool InLesion(int x, int y) => ((x - 20) * (x - 20)) + ((y - 15) * (y - 15)) <= 25;

    private static TestDicom Full() => TestDicom.Filled(Width, Height, (x, y) => 1000 + (7 * x) + (3 * y) + (InLesion(x, y) ? 2000 : 0));

    private static TestDicom Mask() => TestDicom.Filled(Width, Height, (x, y) => InLesion(x, y) ? 255 : 0, bits: 8);

    private string Write(TestDicom dicom, params string[] parts) => dicom.Write(Path.Combine([Images, .. parts]));

    private string FullOf(int patient) => Write(Full(), $"Mass-Training_P_0000{patient}_LEFT_CC", "1", "2", "000000.dcm");

    /// <summary>A row whose crop is in case folder <c>_1</c> and mask in <c>_2</c> (the mask's folder is searched first).</summary>
    private static string Row(int patient, string? image = null) =>
        $"P_0000{patient},3,LEFT,CC,1,mass,OVAL,CIRCUMSCRIBED,4,MALIGNANT,3,{image ?? $"Mass-Training_P_0000{patient}_LEFT_CC/1/2/000000.dcm"}," +
        $"Mass-Training_P_0000{patient}_LEFT_CC_1/3/4/000000.dcm,\"Mass-Training_P_0000{patient}_LEFT_CC_2/3/4/000001.dcm\n\"";

    private ImportResult Import(params string[] rows)
    {
        var csv = TestFiles.WriteText(directory, "mass.csv", TestFiles.Csv(TestFiles.MassHeader, rows));
        return CbisDdsmImporter.Import(new CbisDdsmImportOptions { CsvFiles = [csv], ImageDirectory = Images, OutputDirectory = Output, SkipBad = true });
    }

    private static int LesionPixels() => Enumerable.Range(0, Width * Height).Count(i => InLesion(i % Width, i / Width));

    [Fact]
    public void Of_several_files_in_the_full_images_folder_the_one_described_as_a_full_mammogram_is_used_and_two_such_are_refused()
    {
        Write(Full(), "Mass-Training_P_00001_LEFT_CC", "a", "1.000000-full mammogram images-1", "1-1.dcm");
        Write(Mask(), "Mass-Training_P_00001_LEFT_CC", "a", "1.000000-ROI mask images-2", "1-1.dcm");
        Write(Mask(), "Mass-Training_P_00001_LEFT_CC_1", "3", "4", "000001.dcm");
        var first = Write(Full(), "Mass-Training_P_00002_LEFT_CC", "a", "1.000000-full mammogram images-1", "1-1.dcm");
        var second = Write(Full(), "Mass-Training_P_00002_LEFT_CC", "b", "1.000000-full mammogram images-3", "1-1.dcm");
        Write(Mask(), "Mass-Training_P_00002_LEFT_CC_1", "3", "4", "000001.dcm");

        var result = Import(Row(1), Row(2));

        Assert.Equal(1, result.Imported);
        Assert.Equal(LesionPixels(), CbisDdsmScene.ReadRoi(Path.Combine(result.RoiDirectory, "P_00001_LEFT_CC_1.h5")).Mask.Count(m => m == 1));
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("P_00002_LEFT_CC_1", skipped.CaseKey);
        var paths = string.Join(", ", new[] { first, second }.OrderBy(p => skipped.Reason.IndexOf(p, StringComparison.Ordinal)));
        Assert.Equal($"full mammogram: case folder Mass-Training_P_00002_LEFT_CC holds several full mammograms: {paths}", skipped.Reason);
    }

    [Fact]
    public void Each_way_a_mask_can_be_missing_is_reported_with_its_files()
    {
        // 3: no file in the crop's or the mask's folder.
        FullOf(3);

        // 4: two binary images of the full size.
        FullOf(4);
        var mask4 = Write(Mask(), "Mass-Training_P_00004_LEFT_CC_2", "3", "4", "000001.dcm");
        var crop4 = Write(Mask(), "Mass-Training_P_00004_LEFT_CC_1", "3", "4", "000000.dcm");

        // 5: one candidate of the full size, not binary.
        FullOf(5);
        var crop5 = Write(Full(), "Mass-Training_P_00005_LEFT_CC_1", "3", "4", "000000.dcm");

        // 6: a candidate that is not DICOM at all; 7: one whose header reads but whose pixels (JPEG Baseline) do not.
        FullOf(6);
        var damaged = Path.Combine(Images, "Mass-Training_P_00006_LEFT_CC_1", "3", "4", "000000.dcm");
        Directory.CreateDirectory(Path.GetDirectoryName(damaged)!);
        File.WriteAllText(damaged, "not DICOM");
        FullOf(7);
        var compressed = Write(Mask() with { CompressedSyntax = "1.2.840.10008.1.2.4.50" }, "Mass-Training_P_00007_LEFT_CC_1", "3", "4", "000000.dcm");

        // 8: an empty image path.
        var result = Import(Row(3), Row(4), Row(5), Row(6), Row(7), Row(8, image: ""));

        Assert.Equal(0, result.Imported);
        var reasons = result.Skipped.ToDictionary(s => s.CaseKey, s => s.Reason);
        Assert.Equal(
            $"no image of case folder Mass-Training_P_00003_LEFT_CC_2 or Mass-Training_P_00003_LEFT_CC_1 (crop and ROI mask) in {Path.GetFullPath(Images)}",
            reasons["P_00003_LEFT_CC_1"]);
        Assert.Equal($"two binary images of the full image's size, {mask4} and {crop4}: cannot tell which is the mask", reasons["P_00004_LEFT_CC_1"]);
        Assert.Equal($"no binary ROI mask of the full image's size (40 x 30) among {crop5}", reasons["P_00005_LEFT_CC_1"]);
        Assert.StartsWith($"no usable ROI mask: {damaged}: ", reasons["P_00006_LEFT_CC_1"]);
        Assert.StartsWith($"no usable ROI mask: {compressed}: ", reasons["P_00007_LEFT_CC_1"]);
        Assert.Contains("JPEG Baseline", reasons["P_00007_LEFT_CC_1"]);
        Assert.Equal("full mammogram: the row's image file path is empty", reasons["P_00008_LEFT_CC_1"]);

        // Every row was skipped, and the ROI folder is there all the same.
        Assert.True(Directory.Exists(result.RoiDirectory));
    }

    [Fact]
    public void A_full_size_crop_read_after_the_mask_does_not_overwrite_it()
    {
        // The mask's folder comes first, so the mask is decoded into the shared buffer and the crop must go elsewhere.
        FullOf(1);
        // The crop is a left-to-right ramp: were it decoded over the mask, the lesion would become the film's right half.
        Write(Mask(), "Mass-Training_P_00001_LEFT_CC_2", "3", "4", "000001.dcm");
        Write(TestDicom.Filled(Width, Height, (x, _) => 1000 + (50 * x)), "Mass-Training_P_00001_LEFT_CC_1", "3", "4", "000000.dcm");

        var result = Import(Row(1));

        Assert.Equal(1, result.Imported);
        var (side, image, mask) = CbisDdsmScene.ReadRoi(Path.Combine(result.RoiDirectory, "P_00001_LEFT_CC_1.h5"));
        Assert.Equal(40, side);
        Assert.Equal(LesionPixels(), mask.Count(m => m == 1));

        // The window is the film (40 wide) around the lesion: row 15 of the film is the window's middle row.
        var top = 15 - 20;
        Assert.Equal(1, mask[((15 - top) * side) + 20]);
        Assert.Equal(0, mask[((15 - top) * side) + 30]);
        Assert.Equal(3000 + (7 * 20) + (3 * 15), image[((15 - top) * side) + 20]);
    }

    [Fact]
    public void A_jpeg_mask_pixel_exactly_at_the_threshold_is_not_lesion()
    {
        // Flat 8 x 8 blocks at quality 100 decode exactly: a mask of 0 and 254 with one block of 127, the threshold.
        const int w = 96;
        const int h = 80;
        var info = new List<string> { "file_path,image_path,PatientID,SeriesDescription" };
        void Jpeg(string uid, string folder, Func<int, int, int> value)
        {
            var data = new byte[w * h];
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = (byte)value(i % w, i / w);
            }

            var path = Path.Combine(Images, "jpeg", uid, "1-1.jpg");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = File.Create(path))
            {
                new ImageWriter().WriteJpg(data, w, h, ColorComponents.Grey, stream, 100);
            }

            info.Add($"CBIS-DDSM/dicom/{uid}.dcm,CBIS-DDSM/jpeg/{uid}/1-1.jpg,{folder},");
        }

        Jpeg("1.1", "Mass-Training_P_00001_LEFT_CC", (x, y) => 60 + x + y);
        Jpeg("1.2", "Mass-Training_P_00001_LEFT_CC_1", (x, y) => x is >= 40 and < 56 && y is >= 32 and < 48 ? 254 : x is >= 8 and < 16 && y is >= 8 and < 16 ? 127 : 0);
        var dicomInfo = Path.Combine(Images, "csv", DicomInfoFile.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(dicomInfo)!);
        File.WriteAllLines(dicomInfo, info);
        var decoded = CbisDdsmImageReader.Read(new CbisDdsmFile(Path.Combine(Images, "jpeg", "1.2", "1-1.jpg"), "x", "", IsJpeg: true));
        Assert.Equal((0, 254, 127.0), (decoded.Pixels.Min(), decoded.Pixels.Max(), CbisDdsmMask.Threshold(decoded)));
        Assert.Equal(64, decoded.Pixels.Count(p => p == 127));

        var result = Import(Row(1).Replace("_CC_2/", "_CC_1/"));

        Assert.Equal(1, result.Imported);
        var (side, _, mask) = CbisDdsmScene.ReadRoi(Path.Combine(result.RoiDirectory, "P_00001_LEFT_CC_1.h5"));
        Assert.Equal(96, side);
        Assert.Equal(256, mask.Count(m => m == 1));
        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(result.ReportPath));
        Assert.Equal(dicomInfo, report.RootElement.GetProperty("inputs").GetProperty("dicomInfo").GetString());
        Assert.Equal(
            "2 rows: 2 name an image found under the images folder, 0 name none there, 0 lack image_path or PatientID",
            report.RootElement.GetProperty("inputs").GetProperty("dicomInfoRows").GetString());
    }
}
