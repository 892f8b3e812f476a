using System.Text.RegularExpressions;

namespace Mammo.Import.CbisDdsm;

/// <summary>
/// The image files of a CBIS-DDSM download, indexed by case folder name, whatever the layout: DICOM files are filed
/// under their nearest ancestor folder named like a case (<c>Mass-Training_P_00001_LEFT_CC</c>, with <c>_1</c> for an
/// abnormality's crop and mask), which covers both the CSVs' layout and today's downloader's; the JPEG redistribution
/// is read through its <c>dicom_info.csv</c>.
/// </summary>
internal sealed partial class CbisDdsmArchive
{
    private readonly Dictionary<string, List<CbisDdsmFile>> byFolder;

    private CbisDdsmArchive(Dictionary<string, List<CbisDdsmFile>> byFolder, string root, string? dicomInfo, DicomInfoRows? dicomInfoRows)
    {
        this.byFolder = byFolder;
        Root = root;
        DicomInfoPath = dicomInfo;
        DicomInfoRows = dicomInfoRows;
    }

    public string Root { get; }

    /// <summary>Gets the <c>dicom_info.csv</c> read, if the download is the JPEG redistribution.</summary>
    public string? DicomInfoPath { get; }

    /// <summary>Gets what became of that file's rows, if it was read.</summary>
    public DicomInfoRows? DicomInfoRows { get; }

    public int FileCount => byFolder.Values.Sum(f => f.Count);

    [GeneratedRegex(@"^(Mass|Calc)-(Training|Test)_P_\d+_(LEFT|RIGHT)_(CC|MLO)(_\d+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaseFolderPattern();

    public static bool IsCaseFolder(string name) => CaseFolderPattern().IsMatch(name);

    /// <summary>The case folder a CSV path names: its first component (<c>Mass-Training_P_00001_LEFT_CC_1/...</c>), either slash separating.</summary>
    /// <remarks>The separators go in an array: <c>Split('/', '\\', options)</c> would take the backslash as a count.</remarks>
    public static string FolderOf(string csvPath) =>
        csvPath.Trim().Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first.Trim() : "";

    /// <exception cref="ImportException">The folder does not exist or its <c>dicom_info.csv</c> is unreadable.</exception>
    public static CbisDdsmArchive Scan(string root, CancellationToken cancellationToken)
    {
        root = Path.GetFullPath(root);
        if (!Directory.Exists(root))
        {
            throw new ImportException(root, 0, "the CBIS-DDSM image folder does not exist");
        }

        var byFolder = new Dictionary<string, List<CbisDdsmFile>>(StringComparer.OrdinalIgnoreCase);
        string? dicomInfo = null;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive };
        foreach (var path in Directory.EnumerateFiles(root, "*", options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(path);
            if (name.Equals(DicomInfoFile.FileName, StringComparison.OrdinalIgnoreCase))
            {
                // The redistribution keeps it in csv/; the shallowest one wins.
                if (dicomInfo is null || Depth(path) < Depth(dicomInfo))
                {
                    dicomInfo = path;
                }

                continue;
            }

            if (!name.EndsWith(".dcm", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var (folder, description) = CaseFolderAbove(root, path);
            if (folder is not null)
            {
                Add(byFolder, new CbisDdsmFile(path, folder, description, IsJpeg: false));
            }
        }

        var dicomInfoRows = dicomInfo is null ? null : DicomInfoFile.Read(dicomInfo, root);
        foreach (var file in dicomInfoRows?.Files ?? [])
        {
            Add(byFolder, file);
        }

        return new CbisDdsmArchive(byFolder, root, dicomInfo, dicomInfoRows);
    }

    /// <summary>The files of a case folder (empty when the download has none).</summary>
    public IReadOnlyList<CbisDdsmFile> FilesOf(string caseFolder) =>
        byFolder.TryGetValue(caseFolder, out var files) ? files : [];

    private static void Add(Dictionary<string, List<CbisDdsmFile>> byFolder, CbisDdsmFile file)
    {
        if (!byFolder.TryGetValue(file.CaseFolder, out var list))
        {
            byFolder[file.CaseFolder] = list = [];
        }

        if (!list.Any(f => string.Equals(f.Path, file.Path, StringComparison.Ordinal)))
        {
            list.Add(file);
        }
    }

    /// <summary>The nearest ancestor below the root named like a case folder, and the folder names between (the series description in today's layout).</summary>
    private static (string? Folder, string Description) CaseFolderAbove(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        for (var i = relative.Length - 2; i >= 0; i--)
        {
            if (IsCaseFolder(relative[i]))
            {
                return (relative[i], string.Join('/', relative[(i + 1)..^1]));
            }
        }

        return (null, "");
    }

    private static int Depth(string path) => path.Count(c => c == Path.DirectorySeparatorChar);
}
