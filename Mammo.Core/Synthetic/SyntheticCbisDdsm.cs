using System.Text.Json;
using Mammo.CbisDdsm;
using Mammo.Evaluation;
using Mammo.IO;
using PureHDF;
using PureHDF.Filters;
using PureHDF.VOL.Native;

namespace Mammo.Synthetic;

/// <summary>
/// Generates a SYNTHETIC dataset in the CBIS-DDSM format, for demos, tests and benchmarks: case-description CSVs in the
/// official layout and one HDF5 ROI per row. Synthetic images say nothing about performance on real mammograms.
/// </summary>
/// <remarks>
/// <para>Each lesion gets a BI-RADS shape and margin (drawn with the official files' frequencies) and a continuous,
/// visible aggressiveness; its latent malignancy probability follows from them (see the effects in the source's
/// <c>MalignancyModel</c>), and its pathology is drawn from that probability. Labels are therefore not a deterministic
/// function of the image: the AUC of the latent probability against the drawn labels, the oracle AUC, is the ceiling for
/// any classifier (about 0.85-0.95 at the defaults) and is written to <c>synthetic.json</c>.</para>
/// <para>ROIs are <c>roi/&lt;case key&gt;.h5</c>: dataset <c>data</c>, uint8, H x W x 2 (channel 0 the image, channel 1 the
/// lesion mask as 0/1), chunked and gzip-compressed, sides between <see cref="SyntheticOptions.MinimumSide"/> and
/// <see cref="SyntheticOptions.MaximumSide"/>. A lesion's CC and MLO rows show the same mass from two views.</para>
/// <para>Every random choice derives from <see cref="SyntheticOptions.Seed"/>: the same seed gives identical CSV bytes
/// and identical pixels, whatever the number of threads used to render.</para>
/// </remarks>
public static class SyntheticCbisDdsm
{
    /// <summary>The file name of the generator's summary (oracle AUC per split).</summary>
    public const string SummaryFileName = "synthetic.json";

    /// <summary>The training CSV's file name, as in the official distribution.</summary>
    public const string TrainCsvName = "mass_case_description_train_set.csv";

    /// <summary>The test CSV's file name, as in the official distribution.</summary>
    public const string TestCsvName = "mass_case_description_test_set.csv";

    /// <summary>Generates a new synthetic dataset: a patient-disjoint train and test CSV and their ROIs.</summary>
    /// <param name="outputDirectory">The folder to write to (created if needed).</param>
    /// <param name="options">The generator's settings; the defaults when <see langword="null"/>.</param>
    /// <param name="progress">Receives rendering progress.</param>
    /// <param name="cancellationToken">Stops rendering.</param>
    /// <returns>What was written.</returns>
    public static SyntheticDataset Generate(
        string outputDirectory, SyntheticOptions? options = null, IProgress<MassProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputDirectory);
        options ??= new SyntheticOptions();
        options.Validate();
        var random = new Random(options.Seed);
        var lesions = DrawLesions(options, random);
        var patients = lesions.Select(l => l.PatientId).Distinct().ToList();
        var testCount = Math.Max(1, (int)Math.Round(options.TestFraction * patients.Count));
        var shuffled = patients.ToArray();
        random.Shuffle(shuffled);
        var testPatients = shuffled.Take(testCount).ToHashSet();
        var splits = new[]
        {
            ("train", TrainCsvName, "Mass-Training", lesions.Where(l => !testPatients.Contains(l.PatientId)).ToList()),
            ("test", TestCsvName, "Mass-Test", lesions.Where(l => testPatients.Contains(l.PatientId)).ToList()),
        };
        return Write(outputDirectory, options, splits, progress, cancellationToken);
    }

    /// <summary>
    /// Renders one synthetic ROI for every row of existing case-description CSVs (for example the official ones), keeping
    /// their rows, patients and labels: a dataset of CBIS-DDSM's real size and label mix. The CSVs are not copied.
    /// </summary>
    /// <param name="csvPaths">Mass case-description CSVs.</param>
    /// <param name="outputDirectory">The folder to write <c>roi/</c> and <c>synthetic.json</c> to.</param>
    /// <param name="options">The generator's settings (<see cref="SyntheticOptions.Cases"/> and <see cref="SyntheticOptions.TestFraction"/> are not used).</param>
    /// <param name="progress">Receives rendering progress.</param>
    /// <param name="cancellationToken">Stops rendering.</param>
    /// <returns>What was written; each split's CSV path is the input CSV.</returns>
    /// <exception cref="CaseDescriptionException">A CSV is malformed.</exception>
    public static SyntheticDataset RenderFromCsv(
        IReadOnlyList<string> csvPaths, string outputDirectory, SyntheticOptions? options = null,
        IProgress<MassProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csvPaths);
        options ??= new SyntheticOptions();
        var splits = new List<(string, string, string, List<Lesion>)>();
        var fileIndex = 0;
        foreach (var csv in csvPaths)
        {
            var records = CaseDescriptionReader.Read(csv);
            if (records.Any(r => r.AbnormalityType != AbnormalityType.Mass))
            {
                throw new CaseDescriptionException(csv, 0, null, "only mass case descriptions can be rendered");
            }

            var random = new Random(unchecked((options.Seed * 7919) + fileIndex++));
            var lesions = records.GroupBy(r => r.LesionKey, StringComparer.Ordinal)
                .Select(group => LesionFromRows(group.ToList(), random))
                .ToList();
            splits.Add((Path.GetFileNameWithoutExtension(csv), csv, "", lesions));
        }

        return Write(outputDirectory, options, splits, progress, cancellationToken);
    }

    private static SyntheticDataset Write(
        string outputDirectory,
        SyntheticOptions options,
        IReadOnlyList<(string Name, string Csv, string Prefix, List<Lesion> Lesions)> splits,
        IProgress<MassProgress>? progress,
        CancellationToken cancellationToken)
    {
        var roiDirectory = Path.Combine(outputDirectory, "roi");
        Directory.CreateDirectory(roiDirectory);
        var results = new List<SyntheticSplit>();
        var jobs = splits.SelectMany(s => s.Lesions.SelectMany(l => l.Rows.Select((row, view) => (Lesion: l, Row: row, View: view)))).ToList();
        var done = 0;
        Parallel.ForEach(
            jobs,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            job =>
            {
                var (image, mask, width, height) = MassRenderer.Render(job.Lesion.Look, job.View, options.MinimumSide, options.MaximumSide);
                WriteRoi(Path.Combine(roiDirectory, job.Row.CaseKey + ".h5"), image, mask, width, height);
                var count = Interlocked.Increment(ref done);
                if (count % 25 == 0 || count == jobs.Count)
                {
                    progress?.Report(new MassProgress("synthesize", count, jobs.Count));
                }
            });

        foreach (var (name, csv, prefix, lesions) in splits)
        {
            var rows = lesions.SelectMany(l => l.Rows.Select(r => (Row: r, l.Probability))).ToList();
            var csvPath = csv;
            if (prefix.Length > 0)
            {
                csvPath = Path.Combine(outputDirectory, csv);
                CaseDescriptionWriter.WriteMass(csvPath, rows.Select(r => WithPaths(r.Row, prefix, options.Seed)));
            }

            var oracle = RocAnalysis.Auc(rows.Select(r => r.Probability).ToList(), rows.Select(r => r.Row.IsMalignant).ToList());
            results.Add(new SyntheticSplit(name, csvPath, rows.Count, Math.Round(oracle, 4)));
        }

        var summary = new
        {
            synthetic = true,
            note = "Synthetic CBIS-DDSM-format data made by Mammo's generator; it says nothing about clinical performance.",
            seed = options.Seed,
            cases = splits.Sum(s => s.Lesions.Count),
            splits = results.Select(r => new { name = r.Name, csv = Path.GetFileName(r.CsvPath), rows = r.Rows, oracleAuc = double.IsFinite(r.OracleAuc) ? r.OracleAuc : (double?)null }),
        };
        var summaryPath = Path.Combine(outputDirectory, SummaryFileName);
        AtomicFile.WriteAllBytes(summaryPath, JsonSerializer.SerializeToUtf8Bytes(summary, MammoJson.Options));
        return new SyntheticDataset(outputDirectory, roiDirectory, results);
    }

    private static void WriteRoi(string path, byte[] image, byte[] mask, int width, int height)
    {
        var data = new byte[height, width, 2];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                data[y, x, 0] = image[(y * width) + x];
                data[y, x, 1] = mask[(y * width) + x];
            }
        }

        // One chunk per image: PureHDF 2.2 reads a many-chunk dataset about ten times slower (measured: 12 ms against 0.9 ms).
        var gzip = new List<H5Filter> { new(DeflateFilter.Id, new Dictionary<string, object> { [DeflateFilter.COMPRESSION_LEVEL] = 1 }) };
        var file = new H5File
        {
            ["data"] = new H5Dataset(data, chunks: [(uint)height, (uint)width, 2], datasetCreation: new H5DatasetCreation(Filters: gzip)),
        };

        // Written beside the target and renamed, so an interrupted run never leaves a half-written ROI under its real name.
        AtomicFile.WriteVia(path, temporary => file.Write(temporary));
    }

    private static List<Lesion> DrawLesions(SyntheticOptions options, Random random)
    {
        var lesions = new List<Lesion>();
        var patient = 0;
        while (lesions.Count < options.Cases)
        {
            patient++;
            var patientId = $"P_{patient:D5}";
            var lesionCount = random.NextDouble() < 0.1 ? 2 : 1;
            var density = MalignancyModel.Draw(random, [(1, 287, 0.0), (2, 585, 0), (3, 337, 0), (4, 109, 0)]);
            var perSide = new Dictionary<BreastSide, int>();
            for (var k = 0; k < lesionCount && lesions.Count < options.Cases; k++)
            {
                var side = random.Next(2) == 0 ? BreastSide.Left : BreastSide.Right;
                var id = perSide[side] = perSide.GetValueOrDefault(side) + 1;
                var shape = MalignancyModel.Draw(random, MalignancyModel.Shapes);
                var margin = MalignancyModel.Draw(random, MalignancyModel.Margins);
                var aggressiveness = Gaussian(random);
                var probability = MalignancyModel.Probability([shape], [margin], aggressiveness);
                var pathology = random.NextDouble() < probability
                    ? Pathology.Malignant
                    : random.NextDouble() < 0.15 ? Pathology.BenignWithoutCallback : Pathology.Benign;
                var views = random.NextDouble() < 0.7 ? new[] { ImageView.CC, ImageView.MLO }
                    : [random.Next(2) == 0 ? ImageView.CC : ImageView.MLO];
                var subtlety = random.Next(1, 6);
                var assessment = pathology == Pathology.Malignant ? random.Next(4, 6) : random.Next(2, 5);
                var rows = views.Select(view => new CaseRecord
                {
                    PatientId = patientId,
                    Side = side,
                    View = view,
                    AbnormalityId = id,
                    AbnormalityType = AbnormalityType.Mass,
                    BreastDensity = density,
                    MassShapes = [shape],
                    MassMargins = [margin],
                    Assessment = assessment,
                    Pathology = pathology,
                    Subtlety = subtlety,
                }).ToList();
                var look = new LesionLook(shape, margin, aggressiveness, density, random.Next());
                lesions.Add(new Lesion(patientId, look, probability, rows));
            }
        }

        return lesions;
    }

    /// <summary>
    /// Builds a lesion for given rows: its look follows their shape and margin, and its aggressiveness is drawn from its
    /// distribution given the rows' label, so image and label agree as they would for a generated lesion.
    /// </summary>
    private static Lesion LesionFromRows(List<CaseRecord> rows, Random random)
    {
        var first = rows[0];
        var shapes = first.MassShapes.Count > 0 ? first.MassShapes : [MassShape.Oval];
        var margins = first.MassMargins.Count > 0 ? first.MassMargins : [MassMargin.Obscured];
        var malignant = rows.Any(r => r.IsMalignant);
        double aggressiveness, probability;
        do
        {
            aggressiveness = Gaussian(random);
            probability = MalignancyModel.Probability(shapes, margins, aggressiveness);
        }
        while (random.NextDouble() > (malignant ? probability : 1 - probability));

        var look = new LesionLook(shapes[0], margins[^1], aggressiveness, Math.Clamp(first.BreastDensity, 1, 4), random.Next());
        return new Lesion(first.PatientId, look, probability, rows);
    }

    private static CaseRecord WithPaths(CaseRecord row, string prefix, int seed)
    {
        var random = new Random(unchecked(seed ^ row.CaseKey.Aggregate(17, (h, c) => (h * 31) + c)));
        string Uid() => $"1.3.6.1.4.1.9590.100.1.2.{random.NextInt64(100_000_000_000, 999_999_999_999)}{random.Next(100_000, 999_999)}";
        var image = $"{prefix}_{row.PatientId}_{Vocabulary.Sides.ToText(row.Side)}_{Vocabulary.Views.ToText(row.View)}";
        var crop = $"{prefix}_{row.CaseKey}/{Uid()}/{Uid()}";
        return row with
        {
            ImageFilePath = $"{image}/{Uid()}/{Uid()}/000000.dcm",
            CroppedImageFilePath = $"{crop}/000000.dcm",
            RoiMaskFilePath = $"{crop}/000001.dcm",
        };
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(Math.Tau * u2);
    }

    private sealed record Lesion(string PatientId, LesionLook Look, double Probability, IReadOnlyList<CaseRecord> Rows);
}
