using System.CommandLine;
using Mammo.Cli.Reporting;
using Mammo.Data;
using Mammo.Evaluation;

namespace Mammo.Cli.Commands;

/// <summary><c>mammo evaluate --model model.zip --csv TEST.csv --roi-root DIR [--json FILE] [--report DIR [--gallery N]]</c>.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = CliOptions.Model();
        var csv = CliOptions.Csv();
        var roiRoot = CliOptions.RoiRoot();
        var json = new Option<FileInfo?>("--json") { Description = "Write the evaluation JSON to this file." };
        var report = new Option<DirectoryInfo?>("--report") { Description = "Write a report (markdown, plots, metrics.json) to this folder." };
        var cache = new CliOptions.Caching();
        var gallery = CliOptions.Gallery();
        var skipBad = CliOptions.SkipBad();
        var command = new Command("evaluate", "Evaluate a saved model on a (test) CSV at its stored threshold.") { model, csv, roiRoot, json, report, gallery, skipBad };
        cache.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetResult(gallery) is { Implicit: false } && result.GetResult(report) is null)
            {
                result.AddError("--gallery sets the report's explanations: give --report DIR too");
            }
        });
        CliRunner.SetAction(command, (parse, token) =>
        {
            var classifier = MassClassifier.Load(parse.GetValue(model)!.FullName);
            var dataset = MassDataset.Load(parse.GetValue(csv)!.FullName, parse.GetValue(roiRoot)!.FullName, classifier.RoiOptions);
            var evaluation = CliRunner.Progress().Run(progress => classifier.Evaluate(
                dataset,
                new EvaluationOptions { FeatureCacheDirectory = cache.Read(parse), SkipBadRois = parse.GetValue(skipBad), Progress = progress },
                token));
            Console.WriteLine(Summary.Describe(evaluation));
            if (parse.GetValue(json) is { } jsonFile)
            {
                AtomicOutput.WriteAllText(jsonFile.FullName, evaluation.ToJsonString());
            }

            if (parse.GetValue(report) is { } reportDirectory)
            {
                var explanations = Gallery.Build(classifier, evaluation, dataset, parse.GetValue(gallery), token);
                ReportWriter.Write(reportDirectory.FullName, evaluation, classifier.Training, dataset.Statistics, null, explanations);
                Console.WriteLine($"report written to {Path.Combine(reportDirectory.FullName, ReportWriter.ReportFileName)}");
            }

            CliRunner.PrintSkipped(evaluation.Skipped);
            return 0;
        });
        return command;
    }
}
