using System.Diagnostics;
using System.Numerics.Tensors;
using Mammo.CbisDdsm;
using Mammo.IO;

namespace Mammo.Import.CbisDdsm;

/// <summary>
/// Imports a CBIS-DDSM download into Mammo's inputs: one HDF5 ROI per case-description row,
/// <c>OUT/roi/&lt;case key&gt;.h5</c>, holding the full mammogram's window around the lesion and the lesion mask.
/// </summary>
/// <remarks>
/// <para>Layouts: the CSVs' own (<c>Mass-Training_P_00001_LEFT_CC/&lt;study&gt;/&lt;series&gt;/000000.dcm</c>, crop and mask
/// under <c>..._CC_1</c>), today's downloader's (<c>CBIS-DDSM/&lt;case folder&gt;/&lt;date&gt;-DDSM-NA-n/1.000000-ROI mask
/// images-n/1-1.dcm</c>) and the JPEG redistribution (<c>csv/dicom_info.csv</c> beside <c>jpeg/&lt;series&gt;/1-N.jpg</c>).
/// A row is matched to its files through the case folder names its paths start with, never by position.</para>
/// <para>Per row: the full image is the one file of the full image's case folder (or the one described as a full
/// mammogram); the mask is the file of the abnormality's case folder that is binary (after JPEG noise) and has the full
/// image's size, whatever the CSV calls it, since crop and mask are swapped for many rows. A binary file of another
/// size is a known quirk of the archive (masks about 0.87 of their image's size): the row is skipped with the sizes,
/// not rescaled, since no rescaling is proven to put the lesion where it was.</para>
/// <para>ROI: <c>data</c>, H x W x 2 uint16 - the full image's stored values in MONOCHROME2's sense (JPEGs 0..255) in
/// the square window of <c>RoiWindow</c> around the mask's bounding box, and the mask in the same window as 0/1.</para>
/// <para>Rows are grouped by full image, so each full image is read once and one is in memory at a time. Every row is
/// listed in <c>import.json</c> as imported, kept (finished by an earlier run with the same settings) or skipped with
/// the reason; the CSVs are copied into the output folder unchanged (the ROIs are found there by case key).</para>
/// </remarks>
public static class CbisDdsmImporter
{
    /// <summary>Everything that decides a ROI file's bytes: a row is kept by a later run only under the same text.</summary>
    internal static readonly string Settings = FormattableString.Invariant(
        $"cbis-ddsm/1; window side max({RoiWindow.MinimumSide}, ceil(2*{RoiWindow.CropRadii}*r)), r half the mask box's longer side, clamped to the image, centred, image edge-padded, mask zero-padded; mask above its mid-range; uint16 stored values in MONOCHROME2 sense, JPEG 0..255");

    /// <summary>Imports the rows of the given CSVs.</summary>
    /// <param name="options">The CSVs, the download and the output folder.</param>
    /// <param name="progress">Receives progress per row (stage <c>import</c>).</param>
    /// <param name="cancellationToken">Stops the import; finished rows are recorded, so the next run goes on from there.</param>
    /// <returns>What was written and what was skipped.</returns>
    /// <exception cref="CaseDescriptionException">A CSV is missing or malformed.</exception>
    /// <exception cref="ImportException">The image folder or its <c>dicom_info.csv</c> is unusable, or a row's files are missing or unreadable and <see cref="CbisDdsmImportOptions.SkipBad"/> is not set.</exception>
    public static ImportResult Import(CbisDdsmImportOptions options, IProgress<MassProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CsvFiles is null || options.CsvFiles.Count == 0)
        {
            throw new ArgumentException("At least one case-description CSV is needed.", nameof(options));
        }

        var rows = ReadRows(options.CsvFiles);
        var archive = CbisDdsmArchive.Scan(options.ImageDirectory, cancellationToken);
        var output = Path.GetFullPath(options.OutputDirectory);
        var roiDirectory = Path.Combine(output, "roi");
        Directory.CreateDirectory(roiDirectory);
        AtomicFile.SweepStale(roiDirectory);
        AtomicFile.SweepStale(output);
        var csvCopies = CopyCsvs(options.CsvFiles, output);

        var finished = ImportReport.Finished(output, Settings);
        var inputs = new Dictionary<string, string> { ["images"] = archive.Root };
        for (var i = 0; i < options.CsvFiles.Count; i++)
        {
            inputs[FormattableString.Invariant($"csv{i + 1}")] = Path.GetFullPath(options.CsvFiles[i]);
        }

        if (archive.DicomInfoPath is not null)
        {
            inputs["dicomInfo"] = archive.DicomInfoPath;
            inputs["dicomInfoRows"] = archive.DicomInfoRows!.Describe();
        }

        var report = new ImportReport("cbis-ddsm", Settings, inputs);
        var order = rows.ToDictionary(r => r.Source, r => r.Order, StringComparer.Ordinal);
        var pending = new List<CbisDdsmRow>();
        var keys = new Dictionary<string, CbisDdsmRow>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = row.Record.CaseKey;
            if (keys.TryGetValue(key, out var first))
            {
                // Mass and calcification files can share keys (one woman, one view, abnormality 1 of each kind).
                report.Add(new ImportReportEntry(key, row.Source, ImportStatus.Skipped, $"case key {key} already taken by {first.Source}: import mass and calcification CSVs into separate folders"));
                continue;
            }

            keys[key] = row;
            if (finished.TryGetValue(key, out var roi))
            {
                report.Add(new ImportReportEntry(key, row.Source, ImportStatus.Kept, Roi: roi, Csv: row.CsvName));
            }
            else
            {
                pending.Add(row);
            }
        }

        var done = rows.Count - pending.Count;
        var complete = false;
        try
        {
            progress?.Report(new MassProgress("import", done, rows.Count));
            // Cancellation is checked per row, in ImportGroup (a check here too would never be the one that stops).
            foreach (var group in pending.GroupBy(r => r.FullImageFolder, StringComparer.OrdinalIgnoreCase))
            {
                ImportGroup([.. group], archive, output, options.SkipBad, report, cancellationToken);
                done += group.Count();
                progress?.Report(new MassProgress("import", done, rows.Count));
            }

            complete = true;
        }
        finally
        {
            // Also after a failure or cancellation: the rows finished so far are recorded, and the next run keeps them.
            report.Save(output, complete, [.. csvCopies.Select(Path.GetFileName).OfType<string>()], (a, b) => order[a.Source].CompareTo(order[b.Source]));
        }

        return report.ToResult(output, csvCopies);
    }

    private static List<CbisDdsmRow> ReadRows(IReadOnlyList<string> csvFiles)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var rows = new List<CbisDdsmRow>();
        foreach (var csv in csvFiles)
        {
            if (!names.Add(Path.GetFileName(csv)))
            {
                throw new ImportException(csv, 0, "another CSV given has the same file name; their copies in the output folder would collide");
            }

            var number = 0;
            foreach (var record in CaseDescriptionReader.Read(csv))
            {
                rows.Add(new CbisDdsmRow(rows.Count, Path.GetFullPath(csv), ++number, record));
            }
        }

        return rows;
    }

    private static List<string> CopyCsvs(IReadOnlyList<string> csvFiles, string output)
    {
        var copies = new List<string>();
        foreach (var csv in csvFiles)
        {
            var target = Path.Combine(output, Path.GetFileName(csv));
            if (!string.Equals(Path.GetFullPath(csv), target, StringComparison.Ordinal))
            {
                AtomicFile.WriteAllBytes(target, File.ReadAllBytes(csv));
            }

            copies.Add(target);
        }

        return copies;
    }

    /// <summary>Imports the rows of one full image, which is read once.</summary>
    private static void ImportGroup(
        List<CbisDdsmRow> rows, CbisDdsmArchive archive, string output, bool skipBad, ImportReport report, CancellationToken cancellationToken)
    {
        CbisDdsmImage? full = null;
        Exception? fullProblem = null;
        try
        {
            full = CbisDdsmImageReader.Read(FullImageFile(archive, rows[0].FullImageFolder));
        }
        catch (Exception e) when (e is CbisDdsmRowProblem or RoiFormatException)
        {
            fullProblem = e;
        }

        // The masks of one full image have its size: one buffer serves them all.
        var maskBuffer = full is null ? null : new ushort[full.Pixels.Length];
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (full is null)
                {
                    throw new CbisDdsmRowProblem($"full mammogram: {fullProblem!.Message}", innerException: fullProblem);
                }

                var roiPath = ImportRow(row, full, maskBuffer!, archive, output);
                report.Add(new ImportReportEntry(
                    row.Record.CaseKey, row.Source, ImportStatus.Imported, Roi: Path.GetRelativePath(output, roiPath).Replace('\\', '/'), Csv: row.CsvName));
            }
            catch (Exception e) when (e is CbisDdsmRowProblem or RoiFormatException)
            {
                if (!skipBad && e is not CbisDdsmRowProblem { IsQuirk: true })
                {
                    throw new ImportException(row.CsvPath, 0, $"row {row.Number} ({row.Record.CaseKey}): {e.Message} (--skip-bad / SkipBad skips such rows)", e);
                }

                report.Add(new ImportReportEntry(row.Record.CaseKey, row.Source, ImportStatus.Skipped, e.Message));
            }
        }
    }

    private static CbisDdsmFile FullImageFile(CbisDdsmArchive archive, string folder)
    {
        if (folder.Length == 0)
        {
            throw new CbisDdsmRowProblem("the row's image file path is empty");
        }

        var files = archive.FilesOf(folder);
        if (files.Count > 1)
        {
            files = [.. files.Where(f => f.SaysFullMammogram)];
        }

        return files.Count switch
        {
            1 => files[0],
            0 => throw new CbisDdsmRowProblem($"no image of case folder {folder} in {archive.Root}"),
            _ => throw new CbisDdsmRowProblem($"case folder {folder} holds several full mammograms: {string.Join(", ", files.Select(f => f.Path))}"),
        };
    }

    /// <summary>Finds the row's mask, writes its ROI file and returns the file's path.</summary>
    private static string ImportRow(CbisDdsmRow row, CbisDdsmImage full, ushort[] maskBuffer, CbisDdsmArchive archive, string output)
    {
        var folders = row.RoiFolders;
        var candidates = folders.SelectMany(archive.FilesOf).Where(f => !string.Equals(f.Path, full.Path, StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0)
        {
            throw new CbisDdsmRowProblem($"no image of case folder {string.Join(" or ", folders)} (crop and ROI mask) in {archive.Root}");
        }

        var mask = FindMask(candidates, full, maskBuffer);
        var threshold = CbisDdsmMask.Threshold(mask);
        var box = CbisDdsmMask.Box(mask, threshold) ?? throw new CbisDdsmRowProblem($"the ROI mask {mask.Path} is empty");
        var window = RoiWindow.AroundBox(full.Width, full.Height, box.Left, box.Top, box.Right, box.Bottom);
        var image = window.CropImage<ushort>(full.Pixels, full.Width, full.Height);
        var maskWindow = window.CropMask<ushort>(mask.Pixels, full.Width, full.Height);
        var binary = Binarize(maskWindow, threshold);

        var roiPath = RoiWindowWriter.PathFor(output, row.Record.CaseKey);
        RoiWindowWriter.Write(roiPath, window.Side, image, binary);
        return roiPath;
    }

    /// <summary>
    /// 1 where a mask sample is above the (non-negative) threshold, else 0. The samples are integers, so with t the
    /// threshold's integer part, max(m, t) - t is positive exactly there; its minimum with 1 is the answer (vector
    /// operations, no loop over pixels).
    /// </summary>
    internal static byte[] Binarize(ReadOnlySpan<ushort> mask, double threshold)
    {
        var level = (ushort)Math.Clamp(Math.Floor(threshold), 0, ushort.MaxValue);
        var above = new ushort[mask.Length];
        TensorPrimitives.Max(mask, level, above);
        TensorPrimitives.Subtract(above, level, above);
        TensorPrimitives.Min(above, (ushort)1, above);
        var binary = new byte[mask.Length];
        TensorPrimitives.ConvertTruncating<ushort, byte>(above, binary);
        return binary;
    }

    /// <summary>
    /// The one binary candidate of the full image's size. Candidates of that size are decoded first (the crop is
    /// smaller but for a lesion filling the image); the others only when no mask is found, to tell a mask of the wrong
    /// size (a quirk) from a missing one.
    /// </summary>
    private static CbisDdsmImage FindMask(List<CbisDdsmFile> candidates, CbisDdsmImage full, ushort[] maskBuffer)
    {
        var problems = new List<string>();
        var sized = new List<(CbisDdsmFile File, bool FullSize)>();
        foreach (var file in candidates)
        {
            try
            {
                var (width, height) = CbisDdsmImageReader.ReadSize(file);
                sized.Add((file, full.HasSize(width, height)));
            }
            catch (RoiFormatException e)
            {
                problems.Add(e.Message);
            }
        }

        CbisDdsmImage? mask = null;
        foreach (var (file, _) in sized.Where(s => s.FullSize))
        {
            // Into the shared buffer until a mask is found; a second full-size candidate then needs its own.
            var image = TryRead(file, problems, mask is null ? maskBuffer : null);
            if (image is null || !CbisDdsmMask.IsBinary(image))
            {
                continue;
            }

            if (mask is not null)
            {
                throw new CbisDdsmRowProblem($"two binary images of the full image's size, {mask.Path} and {image.Path}: cannot tell which is the mask");
            }

            mask = image;
        }

        if (mask is not null)
        {
            return mask;
        }

        foreach (var (file, _) in sized.Where(s => !s.FullSize))
        {
            if (TryRead(file, problems) is { } image && CbisDdsmMask.IsBinary(image))
            {
                throw new CbisDdsmRowProblem(
                    FormattableString.Invariant(
                        $"the ROI mask {image.Path} is {image.Width} x {image.Height}, its full mammogram {full.Path} is {full.Width} x {full.Height} (a known CBIS-DDSM quirk; not rescaled)"),
                    isQuirk: true);
            }
        }

        if (problems.Count > 0)
        {
            throw new CbisDdsmRowProblem($"no usable ROI mask: {string.Join("; ", problems)}");
        }

        throw new CbisDdsmRowProblem(
            $"no binary ROI mask of the full image's size ({full.Width} x {full.Height}) among {string.Join(", ", candidates.Select(c => c.Path))}");
    }

    private static CbisDdsmImage? TryRead(CbisDdsmFile file, List<string> problems, ushort[]? buffer = null)
    {
        try
        {
            return CbisDdsmImageReader.Read(file, buffer);
        }
        catch (RoiFormatException e)
        {
            problems.Add(e.Message);
            return null;
        }
    }
}
