using System.Text.Json;
using Mammo.CbisDdsm;
using Mammo.Data;
using Mammo.Import;
using Mammo.Import.Mias;
using Mammo.IO;
using Mammo.Rois;
using Mammo.Tests.Support;
using PureHDF;

namespace Mammo.Tests.Import.Mias;

/// <summary>The MIAS importer on the real database in <c>../shared/mias/</c> (research use only; never copied into the repository).</summary>
public sealed class MiasImporterTests : IDisposable
{
    /// <summary>The whole database imported once per test process (a few seconds), removed when the process ends.</summary>
    private static readonly Lazy<(string Output, ImportResult Result)> Full = new(() =>
    {
        var output = Path.Combine(Path.GetTempPath(), "mammo-tests", "mias-" + Guid.NewGuid().ToString("N"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(output, recursive: true);
            }
            catch (IOException)
            {
            }
        };

        return (output, MiasImporter.Import(new MiasImportOptions { InfoFile = Info, ImageDirectory = Images, OutputDirectory = output }));
    });

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static string Info => SharedData.Require("mias/Info.txt");

    private static string Images => Path.GetDirectoryName(SharedData.Require("mias/images/mdb001.pgm"))!;

    private static (string Output, ImportResult Result) Imported()
    {
        _ = Info;
        return Full.Value;
    }

    [Fact]
    public void Every_abnormality_with_coordinates_becomes_one_row_in_the_schema_of_its_kind()
    {
        var (output, result) = Imported();
        Assert.Equal((119, 0), (result.Imported, result.Kept));
        Assert.Equal([Path.Combine(output, MiasImporter.MassCsvName), Path.Combine(output, MiasImporter.CalcificationCsvName)], result.CsvPaths);

        var masses = CaseDescriptionReader.Read(result.CsvPaths[0]);
        Assert.All(masses, r => Assert.Equal((AbnormalityType.Mass, ImageView.MLO), (r.AbnormalityType, r.View)));
        Assert.Equal(24, masses.Count(r => r.MassMargins.SequenceEqual([MassMargin.Circumscribed]) && r.MassShapes.Count == 0));
        Assert.Equal(19, masses.Count(r => r.MassMargins.SequenceEqual([MassMargin.Spiculated])));
        Assert.Equal(15, masses.Count(r => r.MassMargins.SequenceEqual([MassMargin.IllDefined])));
        Assert.Equal(19, masses.Count(r => r.MassShapes.SequenceEqual([MassShape.ArchitecturalDistortion]) && r.MassMargins.Count == 0));
        Assert.Equal(15, masses.Count(r => r.MassShapes.SequenceEqual([MassShape.AsymmetricBreastTissue])));
        Assert.Equal(92, masses.Count);

        var calcifications = CaseDescriptionReader.Read(result.CsvPaths[1]);
        Assert.Equal(27, calcifications.Count);
        Assert.All(calcifications, r => Assert.Equal(AbnormalityType.Calcification, r.AbnormalityType));

        // Severity from Info.txt: 39 malignant masses of 92 (count B/M on lines with coordinates).
        Assert.Equal(39, masses.Count(r => r.IsMalignant));
        Assert.Equal(12, calcifications.Count(r => r.IsMalignant));
        Assert.DoesNotContain(masses.Concat(calcifications), r => r.Pathology == Pathology.BenignWithoutCallback);
    }

    [Fact]
    public void Patients_sides_and_abnormality_ids_follow_the_database_pairs_and_films()
    {
        var (_, result) = Imported();
        var rows = result.CsvPaths.SelectMany(CaseDescriptionReader.Read).ToDictionary(r => r.CaseKey);

        // mdb001 (odd: right) and mdb002 (even: left) are one woman.
        Assert.Equal("mdb001.pgm", rows["MIAS_001_RIGHT_MLO_1"].ImageFilePath);
        Assert.Equal("mdb002.pgm", rows["MIAS_001_LEFT_MLO_1"].ImageFilePath);

        // Films with several abnormalities number them 1, 2, 3 in Info.txt order: mdb005 (two masses), mdb226 (three clusters).
        Assert.Equal(["MIAS_003_RIGHT_MLO_1", "MIAS_003_RIGHT_MLO_2"], rows.Keys.Where(k => k.StartsWith("MIAS_003_", StringComparison.Ordinal)).Order());
        Assert.Equal([1, 2, 3], rows.Values.Where(r => r.ImageFilePath == "mdb226.pgm").Select(r => r.AbnormalityId).Order());

        // mdb144 has a benign and a malignant mass.
        Assert.Equal([Pathology.Benign, Pathology.Malignant], rows.Values.Where(r => r.ImageFilePath == "mdb144.pgm").OrderBy(r => r.AbnormalityId).Select(r => r.Pathology));
        Assert.Equal((1, 2, 3), (rows["MIAS_072_LEFT_MLO_1"].BreastDensity, rows["MIAS_001_LEFT_MLO_1"].BreastDensity, rows["MIAS_051_LEFT_MLO_1"].BreastDensity));
        Assert.All(rows.Values, r => Assert.Equal(r.CaseKey + ".h5", r.CroppedImageFilePath));
    }

    [Fact]
    public void Skipped_entries_are_listed_with_their_reasons()
    {
        var (output, result) = Imported();
        var byReason = result.Skipped.GroupBy(s => s.Reason).ToDictionary(g => g.Key, g => g.Select(s => s.CaseKey).ToList());
        Assert.Equal(207, byReason["normal film: no abnormality"].Count);
        Assert.Equal(["MIAS_108_LEFT_MLO_1", "MIAS_117_RIGHT_MLO_1", "MIAS_123_RIGHT_MLO_1"], byReason.Single(p => p.Key.Contains("NOTE 3")).Value);
        Assert.Equal(["MIAS_030_RIGHT_MLO_1"], byReason["no coordinates given"]);
        Assert.Equal(211, result.Skipped.Count);

        using var json = JsonDocument.Parse(File.ReadAllText(result.ReportPath));
        var entries = json.RootElement.GetProperty("entries");
        Assert.Equal(File.ReadAllLines(Info).Count(line => line.Trim().Length > 0), entries.GetArrayLength());
        Assert.True(json.RootElement.GetProperty("complete").GetBoolean());
        Assert.Equal("Info.txt:1", entries[0].GetProperty("source").GetString());
        Assert.Equal(119, Directory.GetFiles(Path.Combine(output, "roi"), "*.h5").Length);
        Assert.Empty(Directory.GetFiles(output, "*" + AtomicFile.TemporarySuffix, SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("mdb028", "MIAS_014_LEFT_MLO_1", 338, 314, 56)]
    [InlineData("mdb184", "MIAS_092_LEFT_MLO_1", 352, 624, 114)]
    [InlineData("mdb001", "MIAS_001_RIGHT_MLO_1", 535, 425, 197)]
    public void The_disc_lies_on_the_lesion_after_flipping_the_database_y_axis(string film, string key, int x, int y, int radius)
    {
        var (output, _) = Imported();
        var path = Path.Combine(output, "roi", key + ".h5");
        var pgm = PgmImage.Read(Path.Combine(Images, film + ".pgm"));
        var row = 1023 - y;

        using var file = H5File.OpenRead(path);
        var samples = file.Dataset("data").Read<ushort[]>();
        var side = (int)Math.Sqrt(samples.Length / 2);
        Assert.Equal(RoiWindow.SideFor(1024, 1024, radius), side);
        var (left, top) = (x - (side / 2), row - (side / 2));

        // The window's middle pixel is the film's pixel at the flipped centre, and it is in the mask.
        Assert.Equal(pgm.Samples[(row * 1024) + x], samples[(((side / 2 * side) + (side / 2)) * 2)]);
        Assert.Equal(1, samples[(((side / 2 * side) + (side / 2)) * 2) + 1]);

        var roi = Hdf5RoiReader.Read(path, RoiOptions.Default);
        var lesion = Assert.NotNull(roi.Lesion);
        Assert.Equal((x - radius - left, row - radius - top, x + radius - left, row + radius - top), (lesion.Left, lesion.Top, lesion.Right, lesion.Bottom));

        if (film != "mdb001")
        {
            // These two are bright, well-defined masses: the disc is brighter than the ring around it. Without the
            // flip it would sit on ordinary tissue elsewhere.
            Assert.True(Contrast(pgm.Samples, x, row, radius) > 10, $"disc at the flipped centre is not brighter than its surroundings ({Contrast(pgm.Samples, x, row, radius):F1})");
            Assert.True(Contrast(pgm.Samples, x, row, radius) > Contrast(pgm.Samples, x, y, radius) + 10);
        }
    }

    /// <summary>Mean grey inside the disc minus the mean in the ring from r to 1.5 r.</summary>
    private static double Contrast(ushort[] film, int cx, int cy, int r)
    {
        double inside = 0, ring = 0;
        int insideCount = 0, ringCount = 0;
        for (var y = Math.Max(0, cy - (2 * r)); y < Math.Min(1024, cy + (2 * r)); y++)
        {
            for (var x = Math.Max(0, cx - (2 * r)); x < Math.Min(1024, cx + (2 * r)); x++)
            {
                var d = Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy)));
                if (d <= r)
                {
                    inside += film[(y * 1024) + x];
                    insideCount++;
                }
                else if (d <= 1.5 * r)
                {
                    ring += film[(y * 1024) + x];
                    ringCount++;
                }
            }
        }

        return (inside / insideCount) - (ring / ringCount);
    }

    [Fact]
    public void Every_imported_roi_reads_back_with_its_lesion_and_the_dataset_finds_every_row()
    {
        var (output, result) = Imported();
        foreach (var file in Directory.GetFiles(Path.Combine(output, "roi")))
        {
            var roi = RoiReader.Read(file, RoiOptions.Default);
            Assert.NotNull(roi.Lesion);
            Assert.InRange(roi.Width, RoiWindow.MinimumSide, 1024);
        }

        var dataset = MassDataset.Load(result.CsvPaths[0], Path.Combine(output, "roi"));
        Assert.Equal(92, dataset.Records.Count);
        Assert.Empty(dataset.Skipped);
    }

    [Fact]
    public void A_second_run_keeps_finished_rows_and_imports_only_what_is_new()
    {
        var images = directory.File("images");
        Directory.CreateDirectory(images);
        File.CreateSymbolicLink(Path.Combine(images, "mdb001.pgm"), Path.Combine(Images, "mdb001.pgm"));
        File.CreateSymbolicLink(Path.Combine(images, "mdb005.pgm"), Path.Combine(Images, "mdb005.pgm"));
        var options = new MiasImportOptions { InfoFile = Info, ImageDirectory = images, OutputDirectory = directory.File("out"), Films = ["mdb001", "mdb002", "mdb005"] };

        var first = MiasImporter.Import(options);
        Assert.Equal((3, 0), (first.Imported, first.Kept));
        var missing = Assert.Single(first.Skipped, s => s.CaseKey == "MIAS_001_LEFT_MLO_1");
        Assert.Contains("mdb002.pgm missing", missing.Reason);
        Assert.Equal(330 - 4, first.Skipped.Count(s => s.Reason is "film not selected" or "normal film: no abnormality"));
        Assert.Equal(330 - 3, first.Skipped.Count);
        var csv = File.ReadAllBytes(first.CsvPaths.Single());
        var roi = Path.Combine(first.RoiDirectory, "MIAS_001_RIGHT_MLO_1.h5");
        var written = File.GetLastWriteTimeUtc(roi);

        var second = MiasImporter.Import(options);
        Assert.Equal((0, 3), (second.Imported, second.Kept));
        Assert.Equal(csv, File.ReadAllBytes(second.CsvPaths.Single()));
        Assert.Equal(written, File.GetLastWriteTimeUtc(roi));

        File.CreateSymbolicLink(Path.Combine(images, "mdb002.pgm"), Path.Combine(Images, "mdb002.pgm"));
        File.Delete(Path.Combine(first.RoiDirectory, "MIAS_003_RIGHT_MLO_2.h5"));
        var third = MiasImporter.Import(options);
        Assert.Equal((2, 2), (third.Imported, third.Kept));
        Assert.Equal(4, CaseDescriptionReader.Read(third.CsvPaths.Single()).Count);
    }

    [Fact]
    public void A_damaged_film_is_skipped_with_the_reader_error_and_the_rest_imported()
    {
        var images = directory.File("images");
        Directory.CreateDirectory(images);
        File.WriteAllBytes(Path.Combine(images, "mdb001.pgm"), File.ReadAllBytes(Path.Combine(Images, "mdb001.pgm"))[..5000]);
        File.CreateSymbolicLink(Path.Combine(images, "mdb002.pgm"), Path.Combine(Images, "mdb002.pgm"));
        var result = MiasImporter.Import(new MiasImportOptions { InfoFile = Info, ImageDirectory = images, OutputDirectory = directory.File("out"), Films = ["mdb001", "mdb002"] });
        Assert.Equal(1, result.Imported);
        var skipped = Assert.Single(result.Skipped, s => s.CaseKey == "MIAS_001_RIGHT_MLO_1");
        Assert.Contains("image unreadable", skipped.Reason);
        Assert.Contains("truncated PGM", skipped.Reason);
    }

    [Fact]
    public void A_cancelled_run_records_what_it_finished_and_the_next_run_completes()
    {
        var options = new MiasImportOptions { InfoFile = Info, ImageDirectory = Images, OutputDirectory = directory.File("out"), Films = ["mdb001", "mdb002", "mdb005"] };
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => MiasImporter.Import(options, cancellationToken: cancelled.Token));
        using (var json = JsonDocument.Parse(File.ReadAllText(directory.File("out/import.json"))))
        {
            Assert.False(json.RootElement.GetProperty("complete").GetBoolean());
        }

        var result = MiasImporter.Import(options);
        Assert.Equal(4, result.Imported + result.Kept);
    }

    [Fact]
    public void A_bad_truth_file_stops_before_anything_is_written()
    {
        var info = TestFiles.WriteText(directory, "Info.txt", "mdb001 G CIRC B 535 425 197\nmdb002 G CIRC Q 522 280 69\n");
        var output = directory.File("out");
        var error = Assert.Throws<ImportException>(() => MiasImporter.Import(new MiasImportOptions { InfoFile = info, ImageDirectory = Images, OutputDirectory = output }));
        Assert.Equal((info, 2L), (error.FilePath, error.Line));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Selecting_a_film_the_truth_file_does_not_list_is_an_error()
    {
        var error = Assert.Throws<ImportException>(() => MiasImporter.Import(
            new MiasImportOptions { InfoFile = Info, ImageDirectory = Images, OutputDirectory = directory.File("out"), Films = ["mdb001", "mdb999", "mdb1"] }));
        Assert.Contains("mdb1, mdb999", error.Message);
        Assert.False(Directory.Exists(directory.File("out")));
    }

    [Fact]
    public void Progress_is_reported_per_film()
    {
        var reports = new List<MassProgress>();
        MiasImporter.Import(
            new MiasImportOptions { InfoFile = Info, ImageDirectory = Images, OutputDirectory = directory.File("out"), Films = ["mdb001", "mdb002"] },
            new SynchronousProgress(reports.Add));
        Assert.Equal(2, reports.Count);
        Assert.All(reports, r => Assert.Equal(("import", 2), (r.Stage, r.Total)));
    }

    private sealed class SynchronousProgress(Action<MassProgress> report) : IProgress<MassProgress>
    {
        public void Report(MassProgress value)
        {
            lock (this)
            {
                report(value);
            }
        }
    }
}
