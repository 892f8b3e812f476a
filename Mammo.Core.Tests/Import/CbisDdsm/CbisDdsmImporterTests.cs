using System.Text.Json;
using Mammo.Import;
using Mammo.Import.CbisDdsm;
using Mammo.Tests.Support;
using static Mammo.Tests.Import.CbisDdsm.CbisDdsmScene;

namespace Mammo.Tests.Import.CbisDdsm;

public sealed class CbisDdsmImporterTests : IDisposable
{
    private static readonly Lesion A = new(100, 80, 12);
    private static readonly Lesion B = new(220, 140, 8);
    private static readonly Lesion C = new(150, 100, 40);
    private static readonly Lesion D = new(120, 90, 10);
    private static readonly Lesion E = new(60, 60, 10);
    private static readonly Lesion F = new(10, 12, 6);

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private string Images => directory.File("images");

    private string Output => directory.File("out");

    /// <summary>Layout (a), the CSVs' own paths, with the archive's quirks.</summary>
    private string BuildCsvLayout()
    {
        string Folder(string name) => Path.Combine(Images, name);
        string File(string folder, int id, string name) => Path.Combine(Folder(folder), $"1.3.6.1.{id}", $"1.3.6.2.{id}", name);
        string Roi(string folder, int id, string name) => Path.Combine(Folder(folder), $"1.3.6.3.{id}", $"1.3.6.4.{id}", name);

        // One full image, two abnormalities: read once; the second row has crop and mask swapped.
        FullDicom(A, B).Write(File("Mass-Training_P_00001_LEFT_CC", 1, "000000.dcm"));
        CropDicom(A, A, B).Write(Roi("Mass-Training_P_00001_LEFT_CC_1", 1, "000000.dcm"));
        MaskDicom(A).Write(Roi("Mass-Training_P_00001_LEFT_CC_1", 1, "000001.dcm"));
        MaskDicom(B).Write(Roi("Mass-Training_P_00001_LEFT_CC_2", 2, "000000.dcm"));
        CropDicom(B, A, B).Write(Roi("Mass-Training_P_00001_LEFT_CC_2", 2, "000001.dcm"));

        // MONOCHROME1, Implicit VR: the bright lesion is stored dark.
        (FullDicom(C) with { Photometric = "MONOCHROME1", ExplicitVr = false, Values = [.. FullDicom(C).Values.Select(v => 65535 - v)] })
            .Write(File("Mass-Training_P_00002_RIGHT_MLO", 1, "000000.dcm"));
        CropDicom(C, C).Write(Roi("Mass-Training_P_00002_RIGHT_MLO_1", 1, "000000.dcm"));
        MaskDicom(C).Write(Roi("Mass-Training_P_00002_RIGHT_MLO_1", 1, "000001.dcm"));

        // A mask of another size than its full image (about 0.87 of it).
        FullDicom(D).Write(File("Mass-Training_P_00003_LEFT_MLO", 1, "000000.dcm"));
        CropDicom(D, D).Write(Roi("Mass-Training_P_00003_LEFT_MLO_1", 1, "000000.dcm"));
        MaskDicom(D, 261, 174).Write(Roi("Mass-Training_P_00003_LEFT_MLO_1", 1, "000001.dcm"));

        // A JPEG-compressed full image.
        (FullDicom(E) with { CompressedSyntax = "1.2.840.10008.1.2.4.50" }).Write(File("Mass-Training_P_00004_RIGHT_CC", 1, "000000.dcm"));
        CropDicom(E, E).Write(Roi("Mass-Training_P_00004_RIGHT_CC_1", 1, "000000.dcm"));
        MaskDicom(E).Write(Roi("Mass-Training_P_00004_RIGHT_CC_1", 1, "000001.dcm"));

        // A lesion in the corner: the window is padded.
        FullDicom(F).Write(File("Mass-Training_P_00005_LEFT_CC", 1, "000000.dcm"));
        CropDicom(F, F).Write(Roi("Mass-Training_P_00005_LEFT_CC_1", 1, "000000.dcm"));
        MaskDicom(F).Write(Roi("Mass-Training_P_00005_LEFT_CC_1", 1, "000001.dcm"));

        return TestFiles.WriteText(directory, "mass_case_description_train_set.csv", Csv(
            Row("P_00001", "LEFT", "CC", 1), Row("P_00001", "LEFT", "CC", 2), Row("P_00002", "RIGHT", "MLO", 1),
            Row("P_00003", "LEFT", "MLO", 1), Row("P_00004", "RIGHT", "CC", 1), Row("P_00005", "LEFT", "CC", 1),
            Row("P_00006", "LEFT", "CC", 1)));
    }

    private ImportResult Import(string csv, bool skipBad = true, IProgress<MassProgress>? progress = null, CancellationToken token = default) =>
        CbisDdsmImporter.Import(new CbisDdsmImportOptions { CsvFiles = [csv], ImageDirectory = Images, OutputDirectory = Output, SkipBad = skipBad }, progress, token);

    private string RoiOf(string key) => Path.Combine(Output, "roi", key + ".h5");

    [Fact]
    public void The_csv_layout_is_imported_with_each_window_centred_on_its_lesion()
    {
        var csv = BuildCsvLayout();

        var result = Import(csv);

        Assert.Equal(4, result.Imported);
        Assert.Equal(
            ["P_00003_LEFT_MLO_1", "P_00004_RIGHT_CC_1", "P_00006_LEFT_CC_1"], result.Skipped.Select(s => s.CaseKey).Order(StringComparer.Ordinal));
        var both = FullDicom(A, B).Values;
        foreach (var lesion in new[] { A, B })
        {
            var key = lesion == A ? "P_00001_LEFT_CC_1" : "P_00001_LEFT_CC_2";
            var (left, top, side, image) = AssertCentredOn(RoiOf(key), lesion);
            Assert.Equal(256, side);

            // Channel 0 is the full image itself in the window.
            for (var y = 0; y < side; y += 17)
            {
                for (var x = 0; x < side; x += 13)
                {
                    var (fx, fy) = (Math.Clamp(left + x, 0, Width - 1), Math.Clamp(top + y, 0, Height - 1));
                    Assert.Equal(both[(fy * Width) + fx], image[(y * side) + x]);
                }
            }
        }

        // Wider than 256 for a large lesion, clamped to the image's longer side; MONOCHROME1 comes out bright-lesion.
        var (_, _, sideC, imageC) = AssertCentredOn(RoiOf("P_00002_RIGHT_MLO_1"), C);
        Assert.Equal(300, sideC);
        var centre = ((sideC / 2) * sideC) + (sideC / 2);
        Assert.Equal(Full16(C.X, C.Y, [C]), imageC[centre]);
        Assert.True(imageC[centre] > imageC[0] + 1000);

        // The corner lesion: the window reaches past the image, which is padded with its edge; the mask is whole.
        var (leftF, topF, sideF, imageF) = AssertCentredOn(RoiOf("P_00005_LEFT_CC_1"), F);
        Assert.True(leftF < 0 && topF < 0);
        Assert.Equal(imageF[(-topF * sideF) + (-leftF)], imageF[0]);
    }

    [Fact]
    public void Every_row_is_in_the_report_with_the_reason_for_each_skip()
    {
        var csv = BuildCsvLayout();

        var result = Import(csv);

        var reasons = result.Skipped.ToDictionary(s => s.CaseKey, s => s.Reason);
        Assert.Contains("261 x 174", reasons["P_00003_LEFT_MLO_1"]);
        Assert.Contains("known CBIS-DDSM quirk", reasons["P_00003_LEFT_MLO_1"]);
        Assert.Contains("1.2.840.10008.1.2.4.50", reasons["P_00004_RIGHT_CC_1"]);
        Assert.Contains("JPEG Baseline", reasons["P_00004_RIGHT_CC_1"]);
        Assert.Contains("Mass-Training_P_00006_LEFT_CC", reasons["P_00006_LEFT_CC_1"]);
        using var report = JsonDocument.Parse(File.ReadAllText(result.ReportPath));
        var entries = report.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(7, entries.Count);
        Assert.Equal(
            Enumerable.Range(1, 7).Select(i => $"mass_case_description_train_set.csv row {i}"), entries.Select(e => e.GetProperty("source").GetString()));
        Assert.True(report.RootElement.GetProperty("complete").GetBoolean());
        Assert.True(File.Exists(Path.Combine(Output, "mass_case_description_train_set.csv")));
        Assert.Equal(File.ReadAllBytes(csv), File.ReadAllBytes(Path.Combine(Output, "mass_case_description_train_set.csv")));
    }

    [Fact]
    public void Without_skip_bad_an_unreadable_file_stops_the_import_naming_row_and_syntax()
    {
        var csv = BuildCsvLayout();

        var error = Assert.Throws<ImportException>(() => Import(csv, skipBad: false));

        Assert.Equal(Path.GetFullPath(csv), error.FilePath);
        Assert.Contains("row 5 (P_00004_RIGHT_CC_1)", error.Message);
        Assert.Contains("JPEG Baseline", error.Message);

        // The rows before it are finished and recorded; the size-mismatched mask (a quirk) did not stop the import.
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, ImportReport.FileName)));
        Assert.False(report.RootElement.GetProperty("complete").GetBoolean());
        Assert.Equal(3, report.RootElement.GetProperty("counts").GetProperty("imported").GetInt32());
        Assert.Equal(1, report.RootElement.GetProperty("counts").GetProperty("skipped").GetInt32());
    }

    [Fact]
    public void A_second_run_keeps_the_finished_rows()
    {
        var csv = BuildCsvLayout();
        var first = Import(csv);
        var written = File.GetLastWriteTimeUtc(RoiOf("P_00001_LEFT_CC_1"));
        var reports = new List<MassProgress>();

        var second = Import(csv, progress: new SynchronousProgress(reports));

        Assert.Equal(0, second.Imported);
        Assert.Equal(first.Imported, second.Kept);
        Assert.Equal(first.Skipped.Count, second.Skipped.Count);
        Assert.Equal(written, File.GetLastWriteTimeUtc(RoiOf("P_00001_LEFT_CC_1")));
        Assert.Equal(7, reports[^1].Done);
        Assert.Equal(7, reports[^1].Total);
        Assert.Empty(Directory.EnumerateFiles(Output, "*.mammo-tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_cancelled_import_records_what_it_finished_and_the_next_run_goes_on()
    {
        var csv = BuildCsvLayout();
        using var cancellation = new CancellationTokenSource();
        var reports = new List<MassProgress>();
        var progress = new SynchronousProgress(reports, r =>
        {
            if (r.Done > 0)
            {
                cancellation.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => Import(csv, progress: progress, token: cancellation.Token));

        // The first full image's two rows were finished before the cancellation.
        Assert.Equal(["P_00001_LEFT_CC_1.h5", "P_00001_LEFT_CC_2.h5"], Directory.EnumerateFiles(Path.Combine(Output, "roi")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using (var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, ImportReport.FileName))))
        {
            Assert.False(report.RootElement.GetProperty("complete").GetBoolean());
        }

        var next = Import(csv);

        Assert.Equal(2, next.Kept);
        Assert.Equal(2, next.Imported);
    }

    [Fact]
    public void Todays_downloader_layout_is_matched_by_case_folder()
    {
        var root = Path.Combine(Images, "CBIS-DDSM");
        FullDicom(A).Write(Path.Combine(root, "Mass-Training_P_00001_LEFT_CC", "08-07-2016-DDSM-NA-74994", "1.000000-full mammogram images-24515", "1-1.dcm"));

        // Crop and mask in one series, the mask second.
        var series = Path.Combine(root, "Mass-Training_P_00001_LEFT_CC_1", "08-07-2016-DDSM-NA-09887", "1.000000-ROI mask images-25005");
        CropDicom(A, A).Write(Path.Combine(series, "1-1.dcm"));
        MaskDicom(A).Write(Path.Combine(series, "1-2.dcm"));

        // Crop and mask in separate series folders.
        FullDicom(B).Write(Path.Combine(root, "Mass-Test_P_00002_RIGHT_CC", "09-06-2017-DDSM-NA-1", "1.000000-full mammogram images-1", "1-1.dcm"));
        MaskDicom(B).Write(Path.Combine(root, "Mass-Test_P_00002_RIGHT_CC_1", "09-06-2017-DDSM-NA-2", "1.000000-ROI mask images-2", "1-1.dcm"));
        CropDicom(B, B).Write(Path.Combine(root, "Mass-Test_P_00002_RIGHT_CC_1", "09-06-2017-DDSM-NA-2", "1.000000-cropped images-3", "1-1.dcm"));
        var csv = TestFiles.WriteText(directory, "mass.csv", Csv(Row("P_00001", "LEFT", "CC", 1), Row("P_00002", "RIGHT", "CC", 1, split: "Test")));

        var result = Import(csv, skipBad: false);

        Assert.Equal(2, result.Imported);
        AssertCentredOn(RoiOf("P_00001_LEFT_CC_1"), A);
        AssertCentredOn(RoiOf("P_00002_RIGHT_CC_1"), B);
    }

    [Fact]
    public void The_jpeg_redistribution_is_matched_through_dicom_info_and_its_masks_thresholded()
    {
        // csv/dicom_info.csv beside jpeg/<series UID>/1-N.jpg; paths in dicom_info start with CBIS-DDSM/.
        var info = new List<string> { "file_path,image_path,AccessionNumber,PatientID,SeriesDescription,SeriesInstanceUID,Rows,Columns" };
        void Jpeg(string uid, string patient, string description, int width, int height, Func<int, int, int> value)
        {
            WriteJpeg(Path.Combine(Images, "jpeg", uid, "1-1.jpg"), width, height, value);
            info.Add($"CBIS-DDSM/dicom/{uid}.dcm,CBIS-DDSM/jpeg/{uid}/1-1.jpg,,{patient},{description},{uid},{height},{width}");
        }

        Jpeg("1.3.6.1.10", "Mass-Training_P_00001_LEFT_CC", "full mammogram images", Width, Height, (x, y) => Full8(x, y, [A, B]));
        Jpeg("1.3.6.1.11", "Mass-Training_P_00001_LEFT_CC_1", "cropped images", 25, 25, (x, y) => Full8(A.X - 12 + x, A.Y - 12 + y, [A]));
        Jpeg("1.3.6.1.12", "Mass-Training_P_00001_LEFT_CC_1", "ROI mask images", Width, Height, (x, y) => A.Contains(x, y) ? 255 : 0);

        // Swapped descriptions, as the archive has them for many rows.
        Jpeg("1.3.6.1.13", "Mass-Training_P_00001_LEFT_CC_2", "cropped images", Width, Height, (x, y) => B.Contains(x, y) ? 255 : 0);
        Jpeg("1.3.6.1.14", "Mass-Training_P_00001_LEFT_CC_2", "ROI mask images", 17, 17, (x, y) => Full8(B.X - 8 + x, B.Y - 8 + y, [B]));
        Directory.CreateDirectory(Path.Combine(Images, "csv"));
        File.WriteAllLines(Path.Combine(Images, "csv", "dicom_info.csv"), info);
        var csv = Path.Combine(Images, "csv", "mass_case_description_train_set.csv");
        File.WriteAllText(csv, Csv(Row("P_00001", "LEFT", "CC", 1), Row("P_00001", "LEFT", "CC", 2)));

        var result = Import(csv, skipBad: false);

        Assert.Equal(2, result.Imported);
        var (_, _, side, image) = AssertCentredOn(RoiOf("P_00001_LEFT_CC_1"), A, tolerance: 8);
        Assert.InRange(image[((side / 2) * side) + (side / 2)], Full8(A.X, A.Y, [A]) - 8, Full8(A.X, A.Y, [A]) + 8);
        AssertCentredOn(RoiOf("P_00001_LEFT_CC_2"), B, tolerance: 8);
    }

    [Fact]
    public void A_missing_image_folder_is_an_import_error()
    {
        var csv = TestFiles.WriteText(directory, "mass.csv", Csv(Row("P_00001", "LEFT", "CC", 1)));

        var error = Assert.Throws<ImportException>(() => Import(csv));

        Assert.Contains("does not exist", error.Message);
    }

    private sealed class SynchronousProgress(List<MassProgress> reports, Action<MassProgress>? then = null) : IProgress<MassProgress>
    {
        public void Report(MassProgress value)
        {
            reports.Add(value);
            then?.Invoke(value);
        }
    }
}
