using System.CommandLine;
using Mammo.Data;

namespace Mammo.Cli.Commands;

/// <summary><c>mammo train --csv TRAIN.csv --roi-root DIR --out model.zip</c>: trains and saves a classifier.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var csv = CliOptions.Csv();
        var roiRoot = CliOptions.RoiRoot();
        var output = new Option<FileInfo>("--out") { Description = "The model file to write.", Required = true };
        var training = new TrainingOptionSet();
        var reading = new CliOptions.RoiReading();
        var command = new Command("train", "Train the head on a training CSV (validation carved out by patient) and save the model.") { csv, roiRoot, output };
        training.AddTo(command);
        reading.AddTo(command);
        CliRunner.SetAction(command, (parse, token) =>
        {
            var dataset = MassDataset.Load(parse.GetValue(csv)!.FullName, parse.GetValue(roiRoot)!.FullName, reading.Read(parse));
            var classifier = CliRunner.Progress().Run(progress => MassClassifier.Train(dataset, training.Read(parse, progress), token));
            var path = parse.GetValue(output)!.FullName;
            classifier.Save(path);
            var summary = classifier.Training;
            Console.WriteLine($"trained on {summary.TrainingRows} rows ({summary.TrainingPatients} patients), validated on {summary.ValidationRows} rows ({summary.ValidationPatients} patients)");
            Console.WriteLine($"chosen L2 {summary.ChosenRegularization} with validation AUC {summary.ValidationAuc:F3}; threshold {summary.Threshold:F4} ({summary.ThresholdPolicy})");
            Console.WriteLine($"model saved to {path}");
            CliRunner.PrintSkipped(summary.Skipped);
            return 0;
        });
        return command;
    }
}
