using System.Text;
using System.Text.Json;
using Mammo.CbisDdsm;
using Mammo.Import;
using Mammo.Import.Mias;
using Mammo.IO;
using Mammo.Tests.Support;
using PureHDF;

namespace Mammo.Tests.Import.Mias;

/// <summary>
/// The MIAS importer on a hand-written truth file and small generated films (no real data, milliseconds): every kind of
/// line, every reason to skip, the window and mask on known pixels, and a second run that keeps what the first wrote.
/// </summary>
public sealed class MiasImporterSyntheticTests : IDisposable
{
    private const string Info =
        "MIAS truth file written by hand for the tests\n" +
        "mdb001 G CIRC B 100 80 20\n" +
        "mdb002 F NORM\r\n" +
        "mdb003 D SPIC M 150 200 30\n" +
        "mdb003 D CALC B 50 60 10\n" +
        "\n" +
        "mdb004 G ARCH M\n" +
        "mdb005 F CALC M *NOTE 3*\n" +
        "mdb006 G MISC B 400 20 10\n" +
        "mdb007 G ASYM B 20 10 5\n" +
        "mdb008 D CIRC M 10 10 5\n";

    private readonly TempDirectory directory = new();

    public MiasImporterSyntheticTests()
    {
        Directory.CreateDirectory(Images);
        File.WriteAllText(InfoPath, Info);
        WriteFilm("mdb001", 300, 280, 255);
        WriteFilm("mdb003", 260, 300, 4095);
        WriteFilm("mdb006", 300, 280, 255);

        // mdb007's film is missing; mdb008's is cut short.
        File.WriteAllBytes(Path.Combine(Images, "mdb008.pgm"), [.. Encoding.ASCII.GetBytes("P5\n300 280\n255\n"), 1, 2, 3]);
    }

    public void Dispose() => directory.Dispose();

    private string Images => directory.File("images");

    private string InfoPath => directory.File("Info.txt");

    private string Output => directory.File("out");

    /// <summary>A film's sample at column x and (top-down) row y: distinct enough to find a shifted window.</summary>
    private static ushort Sample(int x, int y, int max) => (ushort)(((x * 3) + (y * 7)) % (max + 1));

    private void WriteFilm(string reference, int width, int height, int max)
    {
        var bytes = new List<byte>(Encoding.ASCII.GetBytes($"P5\n{width} {height}\n{max}\n"));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = Sample(x, y, max);
                if (max > 255)
                {
                    bytes.Add((byte)(v >> 8));
                }

                bytes.Add((byte)v);
            }
        }

        File.WriteAllBytes(Path.Combine(Images, reference + ".pgm"), [.. bytes]);
    }

    private MiasImportOptions Options => new() { InfoFile = InfoPath, ImageDirectory = Images, OutputDirectory = Output };

    private static ushort[] Stored(string path, out int side)
    {
        using var file = H5File.OpenRead(path);
        var dataset = file.Dataset("data");
        side = (int)dataset.Space.Dimensions[0];
        return dataset.Read<ushort[]>();
    }

    [Fact]
    public void Each_line_becomes_a_row_or_a_reasoned_skip()
    {
        var result = MiasImporter.Import(Options);
        Assert.Equal((3, 0), (result.Imported, result.Kept));
        Assert.Equal(Path.GetFullPath(Output), result.OutputDirectory);
        Assert.Equal([Path.Combine(Path.GetFullPath(Output), MiasImporter.MassCsvName), Path.Combine(Path.GetFullPath(Output), MiasImporter.CalcificationCsvName)], result.CsvPaths);

        var reasons = result.Skipped.ToDictionary(s => s.CaseKey, s => s.Reason);
        Assert.Equal(6, reasons.Count);
        Assert.Equal("normal film: no abnormality", reasons["mdb002"]);
        Assert.Equal("no coordinates given", reasons["MIAS_002_LEFT_MLO_1"]);
        Assert.Equal("no coordinates: calcifications widely distributed over the film (*NOTE 3*)", reasons["MIAS_003_RIGHT_MLO_1"]);
        Assert.Equal("centre (400, 20) lies outside the 300 x 280 film", reasons["MIAS_003_LEFT_MLO_1"]);
        Assert.Equal($"image mdb007.pgm missing from {Images}", reasons["MIAS_004_RIGHT_MLO_1"]);
        Assert.StartsWith("image unreadable: ", reasons["MIAS_004_LEFT_MLO_1"]);

        var masses = CaseDescriptionReader.Read(result.CsvPaths[0]);
        Assert.Equal(["MIAS_001_RIGHT_MLO_1", "MIAS_002_RIGHT_MLO_1"], masses.Select(r => r.CaseKey));
        var first = masses[0];
        Assert.Equal(("MIAS_001", BreastSide.Right, ImageView.MLO, 1, AbnormalityType.Mass), (first.PatientId, first.Side, first.View, first.AbnormalityId, first.AbnormalityType));
        Assert.Equal((2, Pathology.Benign, "mdb001.pgm"), (first.BreastDensity, first.Pathology, first.ImageFilePath));
        Assert.Equal([MassMargin.Circumscribed], first.MassMargins);
        Assert.Empty(first.MassShapes);
        Assert.Equal("MIAS_001_RIGHT_MLO_1.h5", first.CroppedImageFilePath);
        var second = masses[1];
        Assert.Equal((3, Pathology.Malignant, 1), (second.BreastDensity, second.Pathology, second.AbnormalityId));
        Assert.Equal([MassMargin.Spiculated], second.MassMargins);

        var calcification = Assert.Single(CaseDescriptionReader.Read(result.CsvPaths[1]));
        Assert.Equal(("MIAS_002_RIGHT_MLO_2", AbnormalityType.Calcification, 2, Pathology.Benign), (calcification.CaseKey, calcification.AbnormalityType, calcification.AbnormalityId, calcification.Pathology));

        Assert.Equal(
            ["MIAS_001_RIGHT_MLO_1.h5", "MIAS_002_RIGHT_MLO_1.h5", "MIAS_002_RIGHT_MLO_2.h5"],
            Directory.GetFiles(result.RoiDirectory).Select(Path.GetFileName).Order());
        Assert.Empty(Directory.GetFiles(Output, "*" + AtomicFile.TemporarySuffix, SearchOption.AllDirectories));
    }

    [Fact]
    public void The_window_is_centred_on_the_lesion_with_the_y_axis_flipped_and_the_disc_has_the_radius()
    {
        var result = MiasImporter.Import(Options);

        // mdb001: 300 x 280, centre (100, 80) from the bottom: row 279 - 80 = 199; radius 20 gives the 256 minimum side.
        var samples = Stored(Path.Combine(result.RoiDirectory, "MIAS_001_RIGHT_MLO_1.h5"), out var side);
        Assert.Equal(256, side);
        var (left, top) = (100 - 128, 199 - 128);
        for (var y = 0; y < side; y += 17)
        {
            for (var x = 0; x < side; x += 13)
            {
                // Outside the film the nearest edge pixel repeats.
                var expected = Sample(Math.Clamp(left + x, 0, 299), Math.Clamp(top + y, 0, 279), 255);
                Assert.Equal(expected, samples[((y * side) + x) * 2]);
            }
        }

        // The mask is the disc of radius 20 around the centre pixel (128, 128) of the window.
        var inside = 0;
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                var mask = samples[(((y * side) + x) * 2) + 1];
                var dx = x - 128;
                var dy = y - 128;
                Assert.Equal((dx * dx) + (dy * dy) <= 400 ? 1 : 0, mask);
                inside += mask;
            }
        }

        Assert.InRange(inside, 1200, 1300);

        // mdb003 (16-bit, 260 x 300): the spiculated mass at (150, 200), r 30: row 99, side max(256, 240) = 256.
        var spiculated = Stored(Path.Combine(result.RoiDirectory, "MIAS_002_RIGHT_MLO_1.h5"), out side);
        Assert.Equal(256, side);
        Assert.Equal(Sample(150, 99, 4095), spiculated[((128 * side) + 128) * 2]);
        Assert.Equal(1, spiculated[(((128 * side) + 128) * 2) + 1]);
        Assert.Equal(Sample(150 - 128, 0, 4095), spiculated[0]);
    }

    [Fact]
    public void The_report_lists_every_line_in_order_and_says_the_run_completed()
    {
        var result = MiasImporter.Import(Options);
        using var json = JsonDocument.Parse(File.ReadAllText(result.ReportPath));
        var root = json.RootElement;
        Assert.True(root.GetProperty("complete").GetBoolean());
        Assert.Equal("mias", root.GetProperty("source").GetString());
        Assert.Equal(MiasImporter.Settings, root.GetProperty("settings").GetString());
        var sources = root.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("source").GetString()!).ToArray();
        Assert.Equal(["Info.txt:2", "Info.txt:3", "Info.txt:4", "Info.txt:5", "Info.txt:7", "Info.txt:8", "Info.txt:9", "Info.txt:10", "Info.txt:11"], sources);
        var counts = root.GetProperty("counts");
        Assert.Equal((3, 0, 6), (counts.GetProperty("imported").GetInt32(), counts.GetProperty("kept").GetInt32(), counts.GetProperty("skipped").GetInt32()));
        Assert.Equal([MiasImporter.MassCsvName, MiasImporter.CalcificationCsvName], root.GetProperty("csv").EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public void A_second_run_keeps_finished_rows_and_rewrites_only_a_removed_one()
    {
        var first = MiasImporter.Import(Options);
        var csv = File.ReadAllBytes(first.CsvPaths[0]);
        var kept = Path.Combine(first.RoiDirectory, "MIAS_001_RIGHT_MLO_1.h5");
        var stamp = DateTime.UtcNow.AddDays(-1);
        File.SetLastWriteTimeUtc(kept, stamp);
        File.Delete(Path.Combine(first.RoiDirectory, "MIAS_002_RIGHT_MLO_2.h5"));

        var second = MiasImporter.Import(Options);
        Assert.Equal((1, 2), (second.Imported, second.Kept));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(kept));
        Assert.Equal(csv, File.ReadAllBytes(second.CsvPaths[0]));
        Assert.Equal(2, second.CsvPaths.Count);
        Assert.Equal(6, second.Skipped.Count);
    }

    [Fact]
    public void Selected_films_are_imported_and_the_others_skipped_as_not_selected()
    {
        var result = MiasImporter.Import(Options with { Films = ["mdb003", "mdb002"] });
        Assert.Equal(2, result.Imported);
        Assert.Equal(
            ["MIAS_001_RIGHT_MLO_1", "MIAS_002_LEFT_MLO_1", "MIAS_003_LEFT_MLO_1", "MIAS_003_RIGHT_MLO_1", "MIAS_004_LEFT_MLO_1", "MIAS_004_RIGHT_MLO_1"],
            result.Skipped.Where(s => s.Reason == "film not selected").Select(s => s.CaseKey).Order());
        Assert.Equal(["MIAS_002_RIGHT_MLO_1"], CaseDescriptionReader.Read(result.CsvPaths[0]).Select(r => r.CaseKey));

        // With only the first film, there is no calcification: no calcification CSV, and an old one is removed.
        File.WriteAllText(Path.Combine(Output, MiasImporter.CalcificationCsvName), "stale");
        var only = MiasImporter.Import(Options with { Films = ["mdb001"] });
        Assert.Equal([Path.Combine(Path.GetFullPath(Output), MiasImporter.MassCsvName)], only.CsvPaths);
        Assert.False(File.Exists(Path.Combine(Output, MiasImporter.CalcificationCsvName)));
    }

    [Fact]
    public void A_missing_image_folder_or_an_unknown_selected_film_is_an_error_before_anything_is_written()
    {
        var noFolder = Assert.Throws<ImportException>(() => MiasImporter.Import(Options with { ImageDirectory = directory.File("nowhere") }));
        Assert.Contains("image folder does not exist", noFolder.Message);
        var unknown = Assert.Throws<ImportException>(() => MiasImporter.Import(Options with { Films = ["mdb001", "mdb042"] }));
        Assert.Contains("does not list the selected film(s) mdb042", unknown.Message);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public void Progress_counts_the_films_that_had_rows_to_write()
    {
        var reports = new List<MassProgress>();
        MiasImporter.Import(Options, new Synchronous(reports));

        // mdb001, mdb003, mdb006 (outside), mdb007 (missing), mdb008 (damaged): five films had pending rows.
        Assert.Equal(5, reports.Count);
        Assert.All(reports, r => Assert.Equal(("import", 5), (r.Stage, r.Total)));
        Assert.Equal([1, 2, 3, 4, 5], reports.Select(r => r.Done).Order());
    }

    private sealed class Synchronous(List<MassProgress> reports) : IProgress<MassProgress>
    {
        public void Report(MassProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }

    [Theory]
    [InlineData(1, "MIAS_001", BreastSide.Right)]
    [InlineData(2, "MIAS_001", BreastSide.Left)]
    [InlineData(321, "MIAS_161", BreastSide.Right)]
    [InlineData(322, "MIAS_161", BreastSide.Left)]
    public void Films_pair_into_patients_odd_right_even_left(int film, string patient, BreastSide side)
    {
        Assert.Equal(patient, MiasImporter.PatientIdOf(film));
        var record = MiasImporter.ToRecord(new MiasEntry(1, $"mdb{film:D3}", film, 'F', "ASYM", 'M', 1, 1, 1, false), 3);
        Assert.Equal((patient, side, 3, 1, Pathology.Malignant), (record.PatientId, record.Side, record.AbnormalityId, record.BreastDensity, record.Pathology));
        Assert.Equal([MassShape.AsymmetricBreastTissue], record.MassShapes);
        Assert.Empty(record.MassMargins);
        Assert.Equal(record.CaseKey + ".h5", record.RoiMaskFilePath);
        Assert.Equal((0, 0), (record.Assessment, record.Subtlety));
    }
}
