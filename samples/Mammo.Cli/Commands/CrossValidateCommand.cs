using System.CommandLine;
using Mammo.Cli.Reporting;
using Mammo.Data;

namespace Mammo.Cli.Commands;

/// <summary><c>mammo cv --csv FILE --roi-root DIR [--folds 5] [--seed S] [--json FILE]</c>: patient-grouped cross-validation.</summary>
internal static class CrossValidateCommand
{
    public static Command Create()
    {
        var csv = CliOptions.Csv();
        var roiRoot = CliOptions.RoiRoot();
        var folds = new Option<int>("--folds") { Description = "Number of patient-grouped, label-stratified folds.", DefaultValueFactory = _ => 5 };
        var json = new Option<FileInfo?>("--json") { Description = "Write the pooled out-of-fold evaluation JSON to this file." };
        var training = new TrainingOptionSet();
        var reading = new CliOptions.RoiReading();
        var command = new Command("cv", "Cross-validate on one CSV (for small datasets): pooled out-of-fold figures.") { csv, roiRoot, folds, json };
        training.AddTo(command);
        reading.AddTo(command);
        CliRunner.SetAction(command, (parse, token) =>
        {
            var dataset = MassDataset.Load(parse.GetValue(csv)!.FullName, parse.GetValue(roiRoot)!.FullName, reading.Read(parse));
            var evaluation = CliRunner.Progress().Run(progress =>
                MassClassifier.CrossValidate(dataset, parse.GetValue(folds), training.Read(parse, progress), null, token));
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
