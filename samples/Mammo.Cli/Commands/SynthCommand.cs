using System.CommandLine;
using Mammo.Synthetic;

namespace Mammo.Cli.Commands;

/// <summary><c>mammo synth --out DIR [--cases N] [--seed S] [--from-csv FILE...]</c>: a synthetic CBIS-DDSM dataset.</summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "The folder to write to.", Required = true };
        var cases = new Option<int>("--cases") { Description = "Lesions to generate.", DefaultValueFactory = _ => new SyntheticOptions().Cases };
        var seed = CliOptions.Seed(new SyntheticOptions().Seed);
        var fromCsv = new Option<FileInfo[]>("--from-csv")
        {
            Description = "Render one synthetic ROI for every row of these case-description CSVs instead (repeatable).",
            AllowMultipleArgumentsPerToken = true,
        };
        fromCsv.AcceptExistingOnly();
        var defaults = new SyntheticOptions();
        var command = new Command("synth", "Write a SYNTHETIC dataset in the CBIS-DDSM format: case-description CSVs and HDF5 ROIs.")
        {
            output, cases, seed, fromCsv,
        };
        CliRunner.SetAction(command, (parse, token) =>
        {
            var options = defaults with { Cases = parse.GetValue(cases), Seed = parse.GetValue(seed) };
            var directory = parse.GetValue(output)!.FullName;
            var sources = parse.GetValue(fromCsv) ?? [];
            var dataset = CliRunner.Progress().Run(progress => sources.Length > 0
                ? SyntheticCbisDdsm.RenderFromCsv(sources.Select(f => f.FullName).ToList(), directory, options, progress, token)
                : SyntheticCbisDdsm.Generate(directory, options, progress, token));
            foreach (var split in dataset.Splits)
            {
                Console.WriteLine($"{split.Name}: {split.Rows} rows, oracle AUC {split.OracleAuc:F3} ({split.CsvPath})");
            }

            Console.WriteLine($"ROIs in {dataset.RoiDirectory}; summary in {Path.Combine(directory, SyntheticCbisDdsm.SummaryFileName)}");
            return 0;
        });
        return command;
    }
}
