using System.Text.Json;
using Mammo.Import;
using Mammo.Import.CbisDdsm;
using Mammo.IO;
using Mammo.Tests.Support;

namespace Mammo.Tests.Import.CbisDdsm;

/// <summary>
/// The importer's run around the rows: its argument checks, the CSVs given, the report's inputs, progress and the
/// sweep of stale temporary files, on one 40 x 30 DICOM film.
/// </summary>
public sealed class CbisDdsmImporterRunTests : IDisposable
{
    private const string MassRow =
        "P_00001,3,LEFT,CC,1,mass,OVAL,CIRCUMSCRIBED,4,MALIGNANT,3,Mass-Training_P_00001_LEFT_CC/1/2/000000.dcm," +
        "Mass-Training_P_00001_LEFT_CC_1/3/4/000000.dcm,\"Mass-Training_P_00001_LEFT_CC_1/3/4/000001.dcm\n\"";

    private const string CalcRow =
        "P_00001,3,LEFT,CC,1,calcification,AMORPHOUS,CLUSTERED,4,BENIGN,3,Calc-Training_P_00001_LEFT_CC/1/2/000000.dcm," +
        "Calc-Training_P_00001_LEFT_CC_1/3/4/000000.dcm,Calc-Training_P_00001_LEFT_CC_1/3/4/000001.dcm";

    private readonly TempDirectory directory = new();

    public CbisDdsmImporterRunTests()
    {
        static bool InLesion(int x, int y) => ((x - 20) * (x - 20)) + ((y - 15) * (y - 15)) <= 25;
        TestDicom.Filled(40, 30, (x, y) => 1000 + x + (InLesion(x, y) ? 2000 : 0))
            .Write(Path.Combine(Images, "Mass-Training_P_00001_LEFT_CC", "1", "2", "000000.dcm"));
        TestDicom.Filled(40, 30, (x, y) => InLesion(x, y) ? 255 : 0, bits: 8)
            .Write(Path.Combine(Images, "Mass-Training_P_00001_LEFT_CC_1", "3", "4", "000001.dcm"));
        MassCsv = TestFiles.WriteText(directory, "mass.csv", TestFiles.Csv(TestFiles.MassHeader, MassRow));
    }

    public void Dispose() => directory.Dispose();

    private string Images => directory.File("images");

    private string Output => directory.File("out");

    private string MassCsv { get; }

    private CbisDdsmImportOptions Options(params string[] csvs) => new() { CsvFiles = csvs, ImageDirectory = Images, OutputDirectory = Output };

    private string Stale(params string[] parts)
    {
        var path = Path.Combine([Output, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "left by a killed run");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - AtomicFile.StaleAfter - TimeSpan.FromMinutes(5));
        return path;
    }

    [Fact]
    public void The_report_names_its_source_and_inputs_and_progress_starts_at_zero()
    {
        var staleRoi = Stale("roi", ".P_00009_LEFT_CC_1.h5.abc" + AtomicFile.TemporarySuffix);
        var staleOutput = Stale(".mass.csv.abc" + AtomicFile.TemporarySuffix);
        var reports = new List<MassProgress>();

        var result = CbisDdsmImporter.Import(Options(MassCsv), new Recorder(reports));

        Assert.Equal(1, result.Imported);
        Assert.Equal([Path.Combine(Path.GetFullPath(Output), "mass.csv")], result.CsvPaths);
        Assert.Equal([("import", 0, 1), ("import", 1, 1)], reports.Select(r => (r.Stage, r.Done, r.Total)));
        Assert.False(File.Exists(staleRoi));
        Assert.False(File.Exists(staleOutput));
        using var report = JsonDocument.Parse(File.ReadAllText(result.ReportPath));
        var root = report.RootElement;
        Assert.Equal("cbis-ddsm", root.GetProperty("source").GetString());
        Assert.Equal(CbisDdsmImporter.Settings, root.GetProperty("settings").GetString());
        Assert.Equal(
            [("csv1", MassCsv), ("images", Path.GetFullPath(Images))],
            root.GetProperty("inputs").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)).OrderBy(p => p.Name, StringComparer.Ordinal));
        Assert.Equal(["mass.csv"], root.GetProperty("csv").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void A_case_key_taken_by_an_earlier_csv_is_skipped_naming_the_row_that_has_it()
    {
        var calc = TestFiles.WriteText(directory, "calc.csv", TestFiles.Csv(TestFiles.CalcHeader, CalcRow));

        var result = CbisDdsmImporter.Import(Options(MassCsv, calc));

        Assert.Equal(1, result.Imported);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(
            ("P_00001_LEFT_CC_1", "case key P_00001_LEFT_CC_1 already taken by mass.csv row 1: import mass and calcification CSVs into separate folders"),
            (skipped.CaseKey, skipped.Reason));
        using var report = JsonDocument.Parse(File.ReadAllText(result.ReportPath));
        Assert.Equal(2, report.RootElement.GetProperty("entries").GetArrayLength());
        Assert.Equal(calc, report.RootElement.GetProperty("inputs").GetProperty("csv2").GetString());
        Assert.Equal(["mass.csv", "calc.csv"], result.CsvPaths.Select(Path.GetFileName));
    }

    [Fact]
    public void Two_csvs_of_one_file_name_are_refused_before_anything_is_written()
    {
        Directory.CreateDirectory(directory.File("other"));
        var twin = TestFiles.WriteText(directory, Path.Combine("other", "mass.csv"), TestFiles.Csv(TestFiles.MassHeader, MassRow));

        var error = Assert.Throws<ImportException>(() => CbisDdsmImporter.Import(Options(MassCsv, twin)));

        Assert.Equal($"{twin}: another CSV given has the same file name; their copies in the output folder would collide", error.Message);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public void Options_without_a_csv_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => CbisDdsmImporter.Import(null!));
        var error = Assert.Throws<ArgumentException>(() => CbisDdsmImporter.Import(Options()));
        Assert.Equal("options", error.ParamName);
        Assert.StartsWith("At least one case-description CSV is needed.", error.Message);
        Assert.Throws<ArgumentException>(() => CbisDdsmImporter.Import(Options() with { CsvFiles = null! }));
    }

    private sealed class Recorder(List<MassProgress> reports) : IProgress<MassProgress>
    {
        public void Report(MassProgress value) => reports.Add(value);
    }
}
