using System.CommandLine;
using System.Text.Json;

namespace Mammo.Cli.Commands;

/// <summary><c>mammo predict --model model.zip FILE... [--json]</c>: malignancy probability and decision per ROI file.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = CliOptions.Model();
        var files = new Argument<FileInfo[]>("files") { Description = "HDF5 or PNG ROI files.", Arity = ArgumentArity.OneOrMore }.AcceptExistingOnly();
        var json = new Option<bool>("--json") { Description = "Print a JSON array of {file, probability, malignant}." };
        var command = new Command("predict", "Predict ROI files with a saved model.") { model, files, json };
        CliRunner.SetAction(command, (parse, token) =>
        {
            var classifier = MassClassifier.Load(parse.GetValue(model)!.FullName);
            var paths = parse.GetValue(files)!.Select(f => f.FullName).ToList();
            var predictions = classifier.Predict(paths, token);
            if (parse.GetValue(json))
            {
                var rows = predictions.Select(p => new { file = p.Source, probability = Math.Round(p.Probability, 6), malignant = p.IsMalignant });
                Console.WriteLine(JsonSerializer.Serialize(rows, JsonOptions.Indented));
            }
            else
            {
                foreach (var p in predictions)
                {
                    Console.WriteLine($"{p.Source}\t{p.Probability:F4}\t{(p.IsMalignant ? "MALIGNANT" : "BENIGN")}");
                }
            }

            return 0;
        });
        return command;
    }
}
