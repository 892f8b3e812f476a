using Mammo.CbisDdsm;
using Mammo.IO;

namespace Mammo.Import.Mias;

/// <summary>
/// Imports the MIAS MiniMammographic Database (research use only; cite J Suckling et al. 1994) into Mammo's inputs:
/// case-description CSVs in the CBIS-DDSM schemas and one HDF5 ROI per abnormality, so every verb runs on it.
/// </summary>
/// <remarks>
/// <para>Rows: one per abnormality of <c>Info.txt</c> that has coordinates. Masses, architectural distortions and
/// asymmetries go to <see cref="MassCsvName"/> (mass schema), calcifications to <see cref="CalcificationCsvName"/>
/// (calcification schema).</para>
/// <list type="table">
/// <listheader><term>Column</term><description>From MIAS</description></listheader>
/// <item><term>patient_id</term><description><c>MIAS_001</c> for films mdb001 and mdb002: the database lists one woman's two films as consecutive pairs.</description></item>
/// <item><term>left or right breast</term><description>even film numbers LEFT, odd RIGHT (the database's README).</description></item>
/// <item><term>image view</term><description>MLO (every MIAS film is a medio-lateral oblique view).</description></item>
/// <item><term>abnormality id</term><description>1, 2... per film, in <c>Info.txt</c> order, counting every abnormality line of the film (also one without coordinates), so keys never change.</description></item>
/// <item><term>mass shape / mass margins</term><description>CIRC: margin CIRCUMSCRIBED; SPIC: margin SPICULATED; MISC: margin ILL_DEFINED; ARCH: shape ARCHITECTURAL_DISTORTION; ASYM: shape ASYMMETRIC_BREAST_TISSUE; the other column NA.</description></item>
/// <item><term>calc type / calc distribution</term><description>NA (MIAS does not describe them).</description></item>
/// <item><term>breast density</term><description>background tissue F 1, G 2, D 3.</description></item>
/// <item><term>assessment, subtlety</term><description>0 (MIAS gives neither; neither is ever a model input).</description></item>
/// <item><term>pathology</term><description>B BENIGN, M MALIGNANT.</description></item>
/// <item><term>file paths</term><description>the film (<c>mdb001.pgm</c>); cropped image and mask both <c>&lt;case key&gt;.h5</c>, relative to <c>roi/</c>.</description></item>
/// </list>
/// <para>ROIs: <c>roi/&lt;case key&gt;.h5</c>, the film's window around the lesion (see the source's <c>RoiWindow</c>:
/// at least 256 pixels, 8 radii wide) as uint16 channel 0, and a disc of the given radius as channel 1. MIAS puts its
/// coordinate origin at the bottom-left corner; image rows run top-down, so the centre's row is height - 1 - y.</para>
/// <para>Skipped, with the reason in <c>import.json</c>: normal films, abnormalities without coordinates (widely
/// distributed calcifications, <c>*NOTE 3*</c>, and mdb059), films whose image is missing or unreadable, centres outside
/// the film. A bad line of <c>Info.txt</c> stops the import with an <see cref="ImportException"/> naming the line.</para>
/// <para>A second run over the same output keeps the rows the first one finished (see <c>import.json</c>) and only
/// imports the rest; the CSVs are rewritten whole.</para>
/// </remarks>
public static class MiasImporter
{
    /// <summary>The mass case-description CSV's file name in the output folder.</summary>
    public const string MassCsvName = "mias_case_description.csv";

    /// <summary>The calcification case-description CSV's file name in the output folder.</summary>
    public const string CalcificationCsvName = "mias_calc_case_description.csv";

    /// <summary>Everything that decides a ROI file's bytes: a row is kept by a later run only under the same text.</summary>
    internal static readonly string Settings = FormattableString.Invariant(
        $"mias/1; window side max({RoiWindow.MinimumSide}, ceil(2*{RoiWindow.CropRadii}*r)) clamped to the film, centred, image edge-padded, mask zero-padded; mask disc r; uint16; row = height-1-y");

    /// <summary>Imports the database.</summary>
    /// <param name="options">The inputs and the output folder.</param>
    /// <param name="progress">Receives progress per film (stage <c>import</c>).</param>
    /// <param name="cancellationToken">Stops the import; finished rows are recorded, so the next run goes on from there.</param>
    /// <returns>What was written and what was skipped.</returns>
    /// <exception cref="ImportException"><c>Info.txt</c> is missing or malformed or does not list a selected film, or the image folder does not exist.</exception>
    public static ImportResult Import(MiasImportOptions options, IProgress<MassProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var entries = MiasInfoFile.Read(options.InfoFile);
        if (!Directory.Exists(options.ImageDirectory))
        {
            throw new ImportException(options.ImageDirectory, 0, "the MIAS image folder does not exist");
        }

        var selected = options.Films is null ? null : new HashSet<string>(options.Films, StringComparer.Ordinal);
        if (selected?.Except(entries.Select(e => e.Reference)).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } unknown)
        {
            throw new ImportException(options.InfoFile, 0, $"does not list the selected film(s) {string.Join(", ", unknown)}");
        }

        var output = Path.GetFullPath(options.OutputDirectory);
        var roiDirectory = Path.Combine(output, "roi");
        Directory.CreateDirectory(roiDirectory);
        AtomicFile.SweepStale(roiDirectory);
        AtomicFile.SweepStale(output);
        var finished = ImportReport.Finished(output, Settings);
        var report = new ImportReport(
            "mias",
            Settings,
            new Dictionary<string, string> { ["info"] = Path.GetFullPath(options.InfoFile), ["images"] = Path.GetFullPath(options.ImageDirectory) });
        var infoName = Path.GetFileName(options.InfoFile);

        // Rows of the CSVs, with the films whose ROIs still have to be written.
        var rows = new List<(MiasEntry Entry, CaseRecord Record)>();
        var films = new List<(string Reference, List<(MiasEntry Entry, CaseRecord Record)> Rows)>();
        foreach (var film in entries.GroupBy(e => e.Reference, StringComparer.Ordinal))
        {
            var pending = new List<(MiasEntry, CaseRecord)>();
            var abnormality = 0;
            foreach (var entry in film)
            {
                var source = $"{infoName}:{entry.Line}";
                if (!entry.IsAbnormal)
                {
                    report.Add(new ImportReportEntry(entry.Reference, source, ImportStatus.Skipped, "normal film: no abnormality"));
                    continue;
                }

                var record = ToRecord(entry, ++abnormality);
                var key = record.CaseKey;
                if (selected is not null && !selected.Contains(entry.Reference))
                {
                    report.Add(new ImportReportEntry(key, source, ImportStatus.Skipped, "film not selected"));
                }
                else if (entry.WidelyDistributed)
                {
                    report.Add(new ImportReportEntry(key, source, ImportStatus.Skipped, "no coordinates: calcifications widely distributed over the film (*NOTE 3*)"));
                }
                else if (!entry.HasCoordinates)
                {
                    report.Add(new ImportReportEntry(key, source, ImportStatus.Skipped, "no coordinates given"));
                }
                else if (finished.TryGetValue(key, out var roi))
                {
                    report.Add(new ImportReportEntry(key, source, ImportStatus.Kept, Roi: roi, Csv: CsvFor(record)));
                    rows.Add((entry, record));
                }
                else
                {
                    pending.Add((entry, record));
                }
            }

            if (pending.Count > 0)
            {
                films.Add((film.Key, pending));
            }
        }

        var done = 0;
        var csvPaths = new List<string>();
        try
        {
            Parallel.ForEach(
                films,
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
                film =>
                {
                    var written = ImportFilm(film.Reference, film.Rows, options.ImageDirectory, output, infoName, report);
                    lock (rows)
                    {
                        rows.AddRange(written);
                    }

                    var count = Interlocked.Increment(ref done);
                    progress?.Report(new MassProgress("import", count, films.Count));
                });
        }
        finally
        {
            // Also after a failure or cancellation: the rows finished so far are recorded, and the next run keeps them.
            csvPaths = WriteCsvs(output, rows);
            report.Save(output, complete: done == films.Count, csvPaths.Select(Path.GetFileName).OfType<string>().ToList(), BySourceLine);
        }

        return report.ToResult(output, csvPaths);
    }

    /// <summary>Reads one film and writes the ROI of each of its pending rows; returns the rows written.</summary>
    private static List<(MiasEntry, CaseRecord)> ImportFilm(
        string reference, List<(MiasEntry Entry, CaseRecord Record)> pending, string imageDirectory, string output, string infoName, ImportReport report)
    {
        var written = new List<(MiasEntry, CaseRecord)>();
        var imagePath = Path.Combine(imageDirectory, reference + ".pgm");
        (int Width, int Height, int MaxValue, ushort[] Samples) film;
        try
        {
            // A missing film is refused by the reader too; the reason below tells it from a damaged one.
            film = PgmImage.Read(imagePath);
        }
        catch (ImportException e)
        {
            foreach (var (entry, record) in pending)
            {
                var reason = File.Exists(imagePath) ? $"image unreadable: {e.Message}" : $"image {reference}.pgm missing from {imageDirectory}";
                report.Add(new ImportReportEntry(record.CaseKey, $"{infoName}:{entry.Line}", ImportStatus.Skipped, reason));
            }

            return written;
        }

        foreach (var (entry, record) in pending)
        {
            var source = $"{infoName}:{entry.Line}";
            var column = entry.X!.Value;

            // MIAS measures y up from the bottom-left corner; image rows run top-down.
            var row = film.Height - 1 - entry.Y!.Value;
            if (column >= film.Width || row < 0)
            {
                report.Add(new ImportReportEntry(
                    record.CaseKey, source, ImportStatus.Skipped, $"centre ({entry.X}, {entry.Y}) lies outside the {film.Width} x {film.Height} film"));
                continue;
            }

            var window = RoiWindow.AroundCircle(film.Width, film.Height, column, row, entry.Radius!.Value);
            var roiPath = RoiWindowWriter.PathFor(output, record.CaseKey);
            RoiWindowWriter.Write(
                roiPath, window.Side, window.CropImage<ushort>(film.Samples, film.Width, film.Height), window.Disc(column, row, entry.Radius.Value));
            report.Add(new ImportReportEntry(
                record.CaseKey, source, ImportStatus.Imported, Roi: Path.GetRelativePath(output, roiPath).Replace('\\', '/'), Csv: CsvFor(record)));
            written.Add((entry, record));
        }

        return written;
    }

    /// <summary>Writes the two CSVs from the finished rows in <c>Info.txt</c> order; a CSV without rows is removed.</summary>
    private static List<string> WriteCsvs(string output, List<(MiasEntry Entry, CaseRecord Record)> rows)
    {
        List<(MiasEntry Entry, CaseRecord Record)> ordered;
        lock (rows)
        {
            ordered = [.. rows.OrderBy(r => r.Entry.Line)];
        }

        var written = new List<string>();
        foreach (var (kind, name) in new[] { (AbnormalityType.Mass, MassCsvName), (AbnormalityType.Calcification, CalcificationCsvName) })
        {
            var path = Path.Combine(output, name);
            var records = ordered.Select(r => r.Record).Where(r => r.AbnormalityType == kind).ToList();
            if (records.Count == 0)
            {
                File.Delete(path);
                continue;
            }

            if (kind == AbnormalityType.Mass)
            {
                CaseDescriptionWriter.WriteMass(path, records);
            }
            else
            {
                CaseDescriptionWriter.WriteCalcification(path, records);
            }

            written.Add(path);
        }

        return written;
    }

    private static int BySourceLine(ImportReportEntry a, ImportReportEntry b) => LineOf(a.Source).CompareTo(LineOf(b.Source));

    private static long LineOf(string source) => long.TryParse(source.AsSpan(source.LastIndexOf(':') + 1), out var line) ? line : 0;

    private static string CsvFor(CaseRecord record) => record.AbnormalityType == AbnormalityType.Mass ? MassCsvName : CalcificationCsvName;

    /// <summary>The case-description row of one MIAS abnormality (see the class remarks for the mapping).</summary>
    internal static CaseRecord ToRecord(MiasEntry entry, int abnormalityId)
    {
        var isCalcification = entry.Class == "CALC";
        var record = new CaseRecord
        {
            PatientId = PatientIdOf(entry.FilmNumber),
            Side = entry.FilmNumber % 2 == 0 ? BreastSide.Left : BreastSide.Right,
            View = ImageView.MLO,
            AbnormalityId = abnormalityId,
            AbnormalityType = isCalcification ? AbnormalityType.Calcification : AbnormalityType.Mass,
            BreastDensity = entry.Tissue switch { 'F' => 1, 'G' => 2, _ => 3 },
            Assessment = 0,
            Pathology = entry.Severity == 'M' ? Pathology.Malignant : Pathology.Benign,
            Subtlety = 0,
            MassShapes = entry.Class switch
            {
                "ARCH" => [MassShape.ArchitecturalDistortion],
                "ASYM" => [MassShape.AsymmetricBreastTissue],
                _ => [],
            },
            MassMargins = entry.Class switch
            {
                "CIRC" => [MassMargin.Circumscribed],
                "SPIC" => [MassMargin.Spiculated],
                "MISC" => [MassMargin.IllDefined],
                _ => [],
            },
            ImageFilePath = entry.Reference + ".pgm",
        };
        var roi = record.CaseKey + RoiWindowWriter.Extension;
        return record with { CroppedImageFilePath = roi, RoiMaskFilePath = roi };
    }

    /// <summary>One patient per pair of films: mdb001 and mdb002 are <c>MIAS_001</c>, mdb003 and mdb004 <c>MIAS_002</c>.</summary>
    internal static string PatientIdOf(int filmNumber) => FormattableString.Invariant($"MIAS_{(filmNumber + 1) / 2:D3}");
}
