using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Mammo.Import.CbisDdsm;

/// <summary>
/// Reads <c>dicom_info.csv</c> of the JPEG redistribution: one row per image with <c>image_path</c>
/// (<c>CBIS-DDSM/jpeg/&lt;series UID&gt;/1-1.jpg</c>), <c>PatientID</c> (the case folder name) and
/// <c>SeriesDescription</c>; other columns are ignored.
/// </summary>
internal static class DicomInfoFile
{
    public const string FileName = "dicom_info.csv";

    /// <summary>
    /// The images the file lists that exist under <paramref name="root"/>, and the count of rows left out: without a
    /// path or case folder, or naming a missing file (the importer reports the case rows that then lack a file).
    /// </summary>
    /// <exception cref="ImportException">The file lacks a needed column or is not CSV.</exception>
    public static DicomInfoRows Read(string path, string root)
    {
        var files = new List<CbisDdsmFile>();
        var incomplete = 0;
        var unresolved = 0;
        try
        {
            using var reader = new StreamReader(path);
            using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectColumnCountChanges = false, BadDataFound = null });
            if (!csv.Read() || !csv.ReadHeader())
            {
                throw new ImportException(path, 0, "the file is empty");
            }

            var header = csv.HeaderRecord ?? [];
            foreach (var column in new[] { "image_path", "PatientID", "SeriesDescription" })
            {
                if (!header.Contains(column, StringComparer.Ordinal))
                {
                    throw new ImportException(path, 1, $"the column '{column}' is missing (found: {string.Join(", ", header)})");
                }
            }

            while (csv.Read())
            {
                var imagePath = (csv.GetField("image_path") ?? "").Trim();
                var patient = (csv.GetField("PatientID") ?? "").Trim();
                var description = (csv.GetField("SeriesDescription") ?? "").Trim();
                if (imagePath.Length == 0 || patient.Length == 0)
                {
                    incomplete++;
                    continue;
                }

                // Two steps, not one pattern in the condition: a mutation run then keeps this method's mutants (a negated
                // condition would leave the pattern variable unassigned and cost the whole method to a compile error).
                var resolved = Resolve(root, imagePath);
                if (resolved is null)
                {
                    unresolved++;
                    continue;
                }

                files.Add(new CbisDdsmFile(resolved, patient, description, IsJpeg: true));
            }
        }
        catch (CsvHelperException e)
        {
            throw new ImportException(path, e.Context?.Parser?.RawRow ?? 0, $"not a readable CSV file: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new ImportException(path, 0, $"cannot be read: {e.Message}", e);
        }

        return new DicomInfoRows(files, incomplete, unresolved);
    }

    /// <summary>
    /// The file an <c>image_path</c> names: the paths start with the redistribution's own folder (<c>CBIS-DDSM/jpeg/...</c>),
    /// which may or may not be the root given; tried as given, without its first folders, and as <c>jpeg/&lt;uid&gt;/&lt;name&gt;</c>.
    /// </summary>
    private static string? Resolve(string root, string imagePath)
    {
        var parts = imagePath.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => p == ".."))
        {
            return null;
        }

        for (var skip = 0; skip < parts.Length; skip++)
        {
            var candidate = Path.Combine([root, .. parts[skip..]]);
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }
}
