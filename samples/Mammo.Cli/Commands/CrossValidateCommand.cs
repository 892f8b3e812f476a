using System.CommandLine;
using Mammo.Cli.Reporting;
using Mammo.Data;

namespace Mammo.Cli.Commands;

/// <summary>
/// <c>mammo cv --csv FILE --roi-root DIR [--folds 5] [--repeats 1] [--seed S] [--json FILE] [--plots DIR]</c>: repeated,
/// nested, patient-grouped cross-validation; the pooled out-of-fold figures of the first repeat, with its reliability
/// table, and the mean and spread of the AUC over the repeats.
/// </summary>
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
        var plots = new Option<DirectoryInfo?>("--plots") { Description = "Write the ROC, score, calibration and confusion plots of the pooled out-of-fold scores to this folder." };
        var training = new TrainingOptionSet();
        var reading = new CliOptions.RoiReading();
        var command = new Command("cv", "Cross-validate on one CSV (for small datasets): pooled out-of-fold figures.") { csv, roiRoot, folds, repeats, json, plots };
        training.AddTo(command);
        reading.AddTo(command);
        CliRunner.SetAction(command, (parse, token) =>
        {
            var dataset = MassDataset.Load(parse.GetValue(csv)!.FullName, parse.GetValue(roiRoot)!.FullName, reading.Read(parse));
            var evaluation = CliRunner.Progress().Run(progress =>
                MassClassifier.CrossValidate(dataset, parse.GetValue(folds), parse.GetValue(repeats), training.Read(parse, progress), null, token));
            Console.WriteLine(Summary.Describe(evaluation));
            Console.WriteLine(CalibrationBins.Describe(evaluation));
            if (parse.GetValue(json) is { } jsonFile)
            {
                AtomicOutput.WriteAllText(jsonFile.FullName, evaluation.ToJsonString());
            }

            if (parse.GetValue(plots) is { } plotDirectory)
            {
                // Drawn beside the target and moved in whole: no half-drawn set of plots.
                AtomicOutput.WriteDirectory(plotDirectory.FullName, "calibration.png", folder => Plots.WriteEvaluationPlots(folder, evaluation));
                Console.WriteLine($"plots written to {plotDirectory.FullName}");
            }

            CliRunner.PrintSkipped(evaluation.Skipped);
            return 0;
        });
        return command;
    }
}
