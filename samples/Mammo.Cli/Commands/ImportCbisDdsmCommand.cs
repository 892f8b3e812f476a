using System.CommandLine;
using System.Diagnostics;
using Mammo.Import.CbisDdsm;

namespace Mammo.Cli.Commands;

/// <summary>
/// <c>mammo import cbis-ddsm --csv F [--csv F2 ...] --images DIR --out OUT [--skip-bad]</c>: one HDF5 ROI per
/// case-description row from a CBIS-DDSM download (DICOM in either layout, or the JPEG redistribution).
/// </summary>
internal static class ImportCbisDdsmCommand
{
    public static Command Create()
    {
        var csv = new Option<FileInfo[]>("--csv")
        {
            Description = "A CBIS-DDSM case-description CSV (repeatable: mass and calcification CSVs go to separate --out folders).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        }.AcceptExistingOnly();
        var images = new Option<DirectoryInfo>("--images")
        {
            Description = "The download: DICOM (the CSVs' layout or today's downloader's) or the JPEG redistribution (csv/dicom_info.csv, jpeg/).",
            Required = true,
        }.AcceptExistingOnly();
        var output = new Option<DirectoryInfo>("--out") { Description = "The folder to write roi/, the CSVs and import.json to (a second run resumes).", Required = true };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Skip rows whose files are missing or unreadable (a compressed DICOM, say) and list them; default: stop at the first." };
        var command = new Command(
            "cbis-ddsm",
            "Import a CBIS-DDSM download: roi/<case key>.h5 (the full mammogram's window around the lesion, and its mask), the CSVs, import.json.")
        {
            csv, images, output, skipBad,
        };
        CliRunner.SetAction(command, (parse, token) =>
        {
            var options = new CbisDdsmImportOptions
            {
                CsvFiles = [.. parse.GetValue(csv)!.Select(f => f.FullName)],
                ImageDirectory = parse.GetValue(images)!.FullName,
                OutputDirectory = parse.GetValue(output)!.FullName,
                SkipBad = parse.GetValue(skipBad),
            };
            var clock = Stopwatch.StartNew();
            var result = CliRunner.Progress().Run(progress => CbisDdsmImporter.Import(options, progress, token));
            clock.Stop();
            ImportCommand.Describe(result);
            var perRow = result.Imported > 0 ? $", {clock.Elapsed.TotalMilliseconds / result.Imported:F0} ms per imported row" : "";
            using var process = Process.GetCurrentProcess();
            Console.WriteLine($"  {clock.Elapsed.TotalSeconds:F1} s{perRow}; peak working set {process.PeakWorkingSet64 / 1048576} MB");
            return 0;
        });
        return command;
    }
}
