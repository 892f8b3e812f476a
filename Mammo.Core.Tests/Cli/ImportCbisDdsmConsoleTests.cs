using Mammo.Tests.Support;
using static Mammo.Tests.Import.CbisDdsm.CbisDdsmScene;

namespace Mammo.Tests.Cli;

public sealed class ImportCbisDdsmConsoleTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Import_cbis_ddsm_stops_at_a_compressed_file_by_name_or_skips_it_with_skip_bad()
    {
        var lesion = new Lesion(120, 90, 15);
        var images = directory.File("CBIS-DDSM");
        FullDicom(lesion).Write(Path.Combine(images, "Mass-Test_P_00001_LEFT_CC", "1-1", "1.000000-full mammogram images-1", "1-1.dcm"));
        MaskDicom(lesion).Write(Path.Combine(images, "Mass-Test_P_00001_LEFT_CC_1", "1-2", "1.000000-ROI mask images-2", "1-1.dcm"));
        CropDicom(lesion, lesion).Write(Path.Combine(images, "Mass-Test_P_00001_LEFT_CC_1", "1-2", "1.000000-ROI mask images-2", "1-2.dcm"));
        (FullDicom(lesion) with { CompressedSyntax = "1.2.840.10008.1.2.4.91" })
            .Write(Path.Combine(images, "Mass-Test_P_00002_LEFT_CC", "1-1", "1.000000-full mammogram images-1", "1-1.dcm"));
        MaskDicom(lesion).Write(Path.Combine(images, "Mass-Test_P_00002_LEFT_CC_1", "1-2", "1.000000-ROI mask images-2", "1-1.dcm"));
        var csv = TestFiles.WriteText(directory, "mass_case_description_test_set.csv", Csv(
            Row("P_00001", "LEFT", "CC", 1, split: "Test"), Row("P_00002", "LEFT", "CC", 1, split: "Test")));
        var output = directory.File("out");

        var stopped = MammoProcess.Run("import", "cbis-ddsm", "--csv", csv, "--images", images, "--out", output);

        Assert.Equal(2, stopped.ExitCode);
        // Progress goes to stderr too when it is not a terminal; the error is one line of its own.
        var line = Assert.Single(stopped.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("mammo:", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", stopped.Error);
        Assert.Contains("1.2.840.10008.1.2.4.91", line);
        Assert.Contains("JPEG 2000", line);

        var skipped = MammoProcess.Run("import", "cbis-ddsm", "--csv", csv, "--images", images, "--out", output, "--skip-bad");

        Assert.Equal(0, skipped.ExitCode);
        Assert.Contains("imported 0 row(s), kept 1 from an earlier run, skipped 1", skipped.Out);
        Assert.True(File.Exists(Path.Combine(output, "roi", "P_00001_LEFT_CC_1.h5")));
        Assert.True(File.Exists(Path.Combine(output, "import.json")));
        Assert.True(File.Exists(Path.Combine(output, "mass_case_description_test_set.csv")));
    }

    [Fact]
    public void Predict_reads_a_dicom_file()
    {
        var model = directory.File("model.zip");
        SmallSynthetic.Model.Save(model);
        var dicom = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Dicom", "explicit_le_u16.dcm");

        var result = MammoProcess.Run("predict", "--model", model, dicom);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("explicit_le_u16.dcm", result.Out);
    }
}
