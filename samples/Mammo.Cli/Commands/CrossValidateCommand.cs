using System.CommandLine;
using Mammo.Cli.Reporting;
using Mammo.Data;

namespace Mammo.Cli.Commands;

/// <summary><c>mammo cv --csv FILE --roi-root DIR [--folds 5] [--repeats 1] [--seed S] [--json FILE]</c>: repeated, nested, patient-grouped cross-validation.</summary>
internal static class CrossValidateCommand
{
    public static Command Create()
    {
        var csv = CliOptions.Csv();
        var roiRoot = CliOptions.RoiRoot();
        var folds = new Option<int>("--folds") { Description = "Number of patient-grouped, label-stratified folds.", DefaultValueFactory = _ => 5 };
        var repeats = new Option<int>("--repeats")
        {
            Description = "Number of different fold assignments; the mean and standard deviation of their AUCs are reported beside the first one's pooled figures.",
            DefaultValueFactory = _ => 1,
        };
        var json = new Option<FileInfo?>("--json") { Description = "Write the pooled out-of-fold evaluation JSON to this file." };
        var training = new TrainingOptionSet();
        var reading = new CliOptions.RoiReading();
        var command = new Command("cv", "Cross-validate on one CSV (for small datasets): pooled out-of-fold figures.") { csv, roiRoot, folds, repeats, json };
        training.AddTo(command);
        reading.AddTo(command);
        CliRunner.SetAction(command, (parse, token) =>
        {
            var dataset = MassDataset.Load(parse.GetValue(csv)!.FullName, parse.GetValue(roiRoot)!.FullName, reading.Read(parse));
            var evaluation = CliRunner.Progress().Run(progress =>
                MassClassifier.CrossValidate(dataset, parse.GetValue(folds), parse.GetValue(repeats), training.Read(parse, progress), null, token));
            Console.WriteLine(Summary.Describe(evaluation));
            if (parse.GetValue(json) is { } jsonFile)
            {
                AtomicOutput.WriteAllText(jsonFile.FullName, evaluation.ToJsonString());
            }

            CliRunner.PrintSkipped(evaluation.Skipped);
            return 0;
        });
        return command;
    }
}
