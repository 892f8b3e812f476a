using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Mammo.Cli.Reporting;
using Mammo.Explanation;

namespace Mammo.Cli.Commands;

/// <summary>
/// <c>mammo explain --model model.zip ROI... --out DIR [--grid N] [--patch P] [--json]</c>: where the model looks, as an
/// occlusion-sensitivity map per ROI, drawn over the ROI in <c>DIR/&lt;name&gt;.explain.png</c>.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var defaults = new ExplanationOptions();
        var model = new Option<FileInfo>("--model") { Description = "A model saved by 'mammo train'.", Required = true };
        var files = new Argument<FileInfo[]>("files") { Description = "HDF5 or PNG ROI files.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--out") { Description = "The folder for the pictures (one <name>.explain.png per ROI).", Required = true };
        var grid = new Option<int>("--grid") { Description = $"Patch positions per axis (default {defaults.Grid}; time grows with its square).", DefaultValueFactory = _ => defaults.Grid };
        var patch = new Option<int>("--patch") { Description = $"Side of the occluding patch in network-input pixels, of 224 (default {defaults.PatchSize}).", DefaultValueFactory = _ => defaults.PatchSize };
        var json = new Option<bool>("--json") { Description = "Print a JSON array with each ROI's numbers (probability, logit, crop, drops per patch position)." };
        var command = new Command("explain", "Show where a saved model looks in ROI files (occlusion-sensitivity maps).") { model, files, output, grid, patch, json };
        CliRunner.SetAction(command, (parse, token) =>
        {
            var classifier = MassClassifier.Load(parse.GetValue(model)!.FullName);
            var options = new ExplanationOptions { Grid = parse.GetValue(grid), PatchSize = parse.GetValue(patch) };
            var directory = parse.GetValue(output)!.FullName;
            Directory.CreateDirectory(directory);
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var rows = new List<object>();
            foreach (var file in parse.GetValue(files)!)
            {
                var clock = Stopwatch.StartNew();
                var explanation = classifier.Explain(file.FullName, options, token);
                var seconds = clock.Elapsed.TotalSeconds;
                var stem = Path.GetFileNameWithoutExtension(file.Name);
                var name = stem;
                for (var n = 2; !names.Add(name); n++)
                {
                    name = $"{stem}-{n}";
                }

                var picture = Path.Combine(directory, name + ".explain.png");
                ExplanationPlots.Overlay(picture, explanation, ExplanationPlots.Title(file.Name, explanation));
                var p = explanation.Prediction;
                if (parse.GetValue(json))
                {
                    rows.Add(new
                    {
                        file = file.FullName,
                        picture,
                        probability = Math.Round(p.Probability, 6),
                        malignant = p.IsMalignant,
                        threshold = Math.Round(p.Threshold, 6),
                        logit = Math.Round(explanation.Logit, 6),
                        roi = new { width = explanation.RoiWidth, height = explanation.RoiHeight },
                        crop = new { left = explanation.Crop.Left, top = explanation.Crop.Top, side = explanation.Crop.Side },
                        lesion = explanation.Lesion is { } b ? new { left = b.Left, top = b.Top, right = b.Right, bottom = b.Bottom } : null,
                        grid = explanation.Grid,
                        patchSize = explanation.PatchSize,
                        fillValue = Math.Round(explanation.FillValue, 6),
                        drops = Enumerable.Range(0, explanation.Grid).Select(r => explanation.Drops.Slice(r * explanation.Grid, explanation.Grid).ToArray().Select(d => Math.Round(d, 6)).ToArray()).ToArray(),
                        seconds = Math.Round(seconds, 3),
                    });
                }
                else
                {
                    Console.WriteLine($"{file.FullName}\t{p.Probability:F4}\t{(p.IsMalignant ? "MALIGNANT" : "BENIGN")}\t{picture}\t{seconds:F2} s");
                }
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(rows, JsonOptions.Indented));
            }

            return 0;
        });
        return command;
    }
}
