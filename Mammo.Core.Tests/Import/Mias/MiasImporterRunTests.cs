using System.Text;
using System.Text.Json;
using Mammo.CbisDdsm;
using Mammo.Import;
using Mammo.Import.Mias;
using Mammo.IO;
using Mammo.Tests.Support;

namespace Mammo.Tests.Import.Mias;

/// <summary>
/// The MIAS importer's run on 20 x 10 films: argument and selection checks word for word, the report's inputs and
/// CSV per row, the sweep of stale files, cancellation, a centre on the film's top row, and the class mapping.
/// </summary>
public sealed class MiasImporterRunTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public MiasImporterRunTests()
    {
        Directory.CreateDirectory(Images);
        foreach (var film in new[] { "mdb001", "mdb002" })
        {
            File.WriteAllBytes(Path.Combine(Images, film + ".pgm"), [.. Encoding.ASCII.GetBytes("P5\n20 10\n255\n"), .. Enumerable.Range(0, 200).Select(i => (byte)i)]);
        }
    }

    public void Dispose() => directory.Dispose();

    private string Images => directory.File("images");

    private string Output => directory.File("out");

    private MiasImportOptions Options(string info) =>
        new() { InfoFile = TestFiles.WriteText(directory, "Info.txt", info), ImageDirectory = Images, OutputDirectory = Output };

    private string Stale(params string[] parts)
    {
        var path = Path.Combine([Output, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "left by a killed run");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - AtomicFile.StaleAfter - TimeSpan.FromMinutes(5));
        return path;
    }

    [Fact]
    public void Null_options_are_refused() => Assert.Throws<ArgumentNullException>(() => MiasImporter.Import(null!));

    [Fact]
    public void Unknown_selected_films_are_listed_in_order()
    {
        var options = Options("mdb001 G NORM\n") with { Films = ["mdb042", "mdb041", "mdb001"] };
        var error = Assert.Throws<ImportException>(() => MiasImporter.Import(options));
        Assert.Equal($"{options.InfoFile}: does not list the selected film(s) mdb041, mdb042", error.Message);
    }

    [Fact]
    public void A_run_sweeps_stale_files_and_records_its_inputs_and_each_rows_csv()
    {
        var staleRoi = Stale("roi", ".MIAS_001_RIGHT_MLO_1.h5.abc" + AtomicFile.TemporarySuffix);
        var staleOutput = Stale("." + MiasImporter.MassCsvName + ".abc" + AtomicFile.TemporarySuffix);

        // mdb001's centre is on the film's top row (y = height - 1), mdb002's calcification on its bottom row.
        var options = Options("mdb001 G CIRC B 5 9 2\nmdb002 G CALC M 15 0 2\n");
        var result = MiasImporter.Import(options);

        Assert.Equal(2, result.Imported);
        Assert.False(File.Exists(staleRoi));
        Assert.False(File.Exists(staleOutput));
        using var report = JsonDocument.Parse(File.ReadAllText(result.ReportPath));
        var root = report.RootElement;
        Assert.Equal(
            [("images", Path.GetFullPath(Images)), ("info", Path.GetFullPath(options.InfoFile))],
            root.GetProperty("inputs").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)).OrderBy(p => p.Name, StringComparer.Ordinal));
        Assert.Equal(
            [("MIAS_001_RIGHT_MLO_1", MiasImporter.MassCsvName), ("MIAS_001_LEFT_MLO_1", MiasImporter.CalcificationCsvName)],
            root.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("key").GetString()!, e.GetProperty("csv").GetString()!)));

        // The top-row centre: row 0 of the film is the middle of the 20-pixel window.
        var (side, image, mask) = Import.CbisDdsm.CbisDdsmScene.ReadRoi(Path.Combine(result.RoiDirectory, "MIAS_001_RIGHT_MLO_1.h5"));
        Assert.Equal(20, side);
        Assert.Equal((5, 1), (image[(10 * side) + 10], mask[(10 * side) + 10]));
    }

    [Fact]
    public void A_run_without_rows_to_write_still_makes_the_roi_folder()
    {
        var result = MiasImporter.Import(Options("mdb001 G NORM\n"));
        Assert.Equal(0, result.Imported);
        Assert.True(Directory.Exists(result.RoiDirectory));
    }

    [Fact]
    public void A_cancelled_run_writes_no_roi_and_records_itself_as_incomplete()
    {
        var options = Options("mdb001 G CIRC B 5 5 2\n");

        Assert.ThrowsAny<OperationCanceledException>(() => MiasImporter.Import(options, cancellationToken: new CancellationToken(canceled: true)));

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Output, "roi")));
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, ImportReport.FileName)));
        Assert.False(report.RootElement.GetProperty("complete").GetBoolean());
    }

    [Theory]
    [InlineData("ARCH", new[] { MassShape.ArchitecturalDistortion }, new MassMargin[0])]
    [InlineData("ASYM", new[] { MassShape.AsymmetricBreastTissue }, new MassMargin[0])]
    [InlineData("CIRC", new MassShape[0], new[] { MassMargin.Circumscribed })]
    [InlineData("SPIC", new MassShape[0], new[] { MassMargin.Spiculated })]
    [InlineData("MISC", new MassShape[0], new[] { MassMargin.IllDefined })]
    public void Each_mass_class_maps_to_its_shape_or_margin(string kind, MassShape[] shapes, MassMargin[] margins)
    {
        var record = MiasImporter.ToRecord(new MiasEntry(1, "mdb010", 10, 'G', kind, 'B', 1, 1, 1, false), 1);
        Assert.Equal(AbnormalityType.Mass, record.AbnormalityType);
        Assert.Equal(shapes, record.MassShapes);
        Assert.Equal(margins, record.MassMargins);
    }
}
