using System.CommandLine;
using Mammo.Import;
using Mammo.Import.Mias;

namespace Mammo.Cli.Commands;

/// <summary>
/// <c>mammo import &lt;source&gt; ... --out DIR</c>: turns a downloaded database into case-description CSVs and HDF5
/// ROIs (<c>OUT/roi/&lt;case key&gt;.h5</c>) that every other verb reads, with <c>OUT/import.json</c> listing every row.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var command = new Command("import", "Import a downloaded database (MIAS, CBIS-DDSM) into case-description CSVs and HDF5 ROIs.");
        command.Subcommands.Add(Mias());
        command.Subcommands.Add(ImportCbisDdsmCommand.Create());
        return command;
    }

    /// <summary><c>mammo import mias --info Info.txt --images DIR --out DIR [--film mdb001 ...]</c>.</summary>
    private static Command Mias()
    {
        var info = new Option<FileInfo>("--info") { Description = "The database's truth file, Info.txt.", Required = true }.AcceptExistingOnly();
        var images = new Option<DirectoryInfo>("--images") { Description = "The folder of films, mdbNNN.pgm.", Required = true }.AcceptExistingOnly();
        var output = Output();
        var films = new Option<string[]>("--film")
        {
            Description = "Import only these films (e.g. mdb001; repeatable). Default: all.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command(
            "mias",
            $"Import the MIAS MiniMammographic Database (research use only): {MiasImporter.MassCsvName}, {MiasImporter.CalcificationCsvName}, roi/, import.json.")
        {
            info, images, output, films,
        };
        CliRunner.SetAction(command, (parse, token) =>
        {
            var selected = parse.GetValue(films);
            var options = new MiasImportOptions
            {
                InfoFile = parse.GetValue(info)!.FullName,
                ImageDirectory = parse.GetValue(images)!.FullName,
                OutputDirectory = parse.GetValue(output)!.FullName,
                Films = selected is { Length: > 0 } ? selected : null,
            };
            Describe(CliRunner.Progress().Run(progress => MiasImporter.Import(options, progress, token)));
            return 0;
        });
        return command;
    }

    private static Option<DirectoryInfo> Output() =>
        new("--out") { Description = "The folder to write the CSVs, roi/ and import.json to (a second run resumes).", Required = true };

    /// <summary>Prints what an import wrote, and the skipped rows grouped by reason.</summary>
    public static void Describe(ImportResult result)
    {
        Console.WriteLine($"imported {result.Imported} row(s), kept {result.Kept} from an earlier run, skipped {result.Skipped.Count}");
        foreach (var csv in result.CsvPaths)
        {
            Console.WriteLine($"  {csv}");
        }

        Console.WriteLine($"  ROIs in {result.RoiDirectory}");
        Console.WriteLine($"  every row and why it was skipped: {result.ReportPath}");
        foreach (var group in result.Skipped.GroupBy(s => s.Reason).OrderByDescending(g => g.Count()))
        {
            var keys = group.Select(s => s.CaseKey).ToList();
            var shown = keys.Count <= 8 ? string.Join(", ", keys) : $"{string.Join(", ", keys.Take(5))} and {keys.Count - 5} more";
            Console.WriteLine($"  skipped {keys.Count}: {group.Key} ({shown})");
        }
    }
}
