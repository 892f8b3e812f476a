using Mammo.CbisDdsm;

namespace Mammo.Rois;

/// <summary>
/// Links every case-description row to its own ROI file by case key, never to another abnormality's.
/// </summary>
/// <remarks>
/// For the row with case key <c>P_00001_LEFT_CC_1</c> these names are tried in the ROI root, with the extensions
/// <c>.h5</c>, <c>.hdf5</c>, <c>.png</c> and <c>.dcm</c>: <c>P_00001_LEFT_CC_1</c>, and the same with the CBIS-DDSM folder prefixes
/// of the row's own abnormality type only (<c>Mass-Training_</c> and <c>Mass-Test_</c> for a mass row,
/// <c>Calc-Training_</c> and <c>Calc-Test_</c> for a calcification row): case keys are unique only within one CSV, so a
/// mass row must never take the calcification file with the same key. A row whose
/// <c>cropped image file path</c> names an existing <c>.h5</c> or <c>.png</c> file under the root uses that file (a
/// <c>.dcm</c> path is not followed: the archive swaps crop and mask names). A
/// row with no candidate is reported missing; a row with several is reported ambiguous and gets none.
/// </remarks>
internal sealed class RoiLocator
{
    // Properties rather than static arrays so that a mutation test's long-lived test host sees a changed prefix.
    private static string[] MassPrefixes => ["", "Mass-Training_", "Mass-Test_"];

    private static string[] CalcPrefixes => ["", "Calc-Training_", "Calc-Test_"];

    private readonly string root;
    private readonly string rootPrefix;
    private readonly HashSet<string> files;

    public RoiLocator(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new DatasetException(root, "the ROI folder does not exist");
        }

        this.root = root;
        rootPrefix = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(root)) + System.IO.Path.DirectorySeparatorChar;
        files = Directory.EnumerateFiles(root).Select(System.IO.Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    public LocatedRoi Locate(CaseRecord record)
    {
        var given = record.CroppedImageFilePath.Trim();
        // The CSVs' own DICOM paths are not followed: the archive swaps crop and mask for many rows, so the file named
        // as the crop may be the mask (import the download with 'mammo import cbis-ddsm' instead).
        if (given.Length > 0 && RoiReader.IsSupported(given) && !given.EndsWith(".dcm", StringComparison.OrdinalIgnoreCase))
        {
            // Only a file under the ROI folder: a CSV's path must not reach elsewhere ('../', an absolute path).
            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, given));
            if (full.StartsWith(rootPrefix, StringComparison.Ordinal) && File.Exists(full))
            {
                return new LocatedRoi(record, full, null);
            }
        }

        var prefixes = record.AbnormalityType == AbnormalityType.Calcification ? CalcPrefixes : MassPrefixes;
        var candidates = (
            from prefix in prefixes
            from extension in RoiReader.Extensions
            let name = prefix + record.CaseKey + extension
            where files.Contains(name)
            select System.IO.Path.Combine(root, name)).ToList();
        return candidates.Count switch
        {
            0 => new LocatedRoi(record, null, $"no ROI file for {record.CaseKey} in {root}"),
            1 => new LocatedRoi(record, candidates[0], null),
            _ => new LocatedRoi(
                record, null, $"ambiguous ROI for {record.CaseKey}: {string.Join(", ", candidates.Select(System.IO.Path.GetFileName))}"),
        };
    }
}
