using System.CommandLine;
using Mammo.Cli.Reporting;
using Mammo.Data;
using Mammo.Evaluation;
using Mammo.Synthetic;
using Mammo.Training;

namespace Mammo.Cli.Commands;

/// <summary>
/// <c>mammo demo [--out DIR] [--cases N] [--seed S] [--gallery N]</c>: the whole job on the embedded default, a synthetic
/// CBIS-DDSM dataset: statistics, training, evaluation on the held-out test split, save, reload, predict, report.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "The report folder.", DefaultValueFactory = _ => new DirectoryInfo("mammo-demo") };
        var cases = new Option<int>("--cases") { Description = "Synthetic lesions to generate.", DefaultValueFactory = _ => new SyntheticOptions().Cases };
        var seed = CliOptions.Seed(new SyntheticOptions().Seed);
        var gallery = CliOptions.Gallery();
        var command = new Command("demo", "Run the whole job on a synthetic CBIS-DDSM dataset and write a report.") { output, cases, seed, gallery };
        CliRunner.SetAction(command, (parse, token) =>
        {
            // Everything is built beside the target and moved into place at the end, so a failed or killed demo leaves
            // no half-made dataset, cache or report under --out.
            var target = parse.GetValue(output)!.FullName;
            AtomicOutput.WriteDirectory(target, ReportWriter.ReportFileName, directory => Run(directory, target, parse.GetValue(cases), parse.GetValue(seed), parse.GetValue(gallery), token));

            Console.WriteLine($"Report: {Path.Combine(target, ReportWriter.ReportFileName)}");
            Console.WriteLine();
            Console.WriteLine(RealDataNote);
            return 0;
        });
        return command;
    }

    private static void Run(string directory, string target, int cases, int seed, int galleryPerKind, CancellationToken token)
    {
        var dataDirectory = Path.Combine(directory, "data");
        var progress = CliRunner.Progress();
        Console.WriteLine("1/5 Generating a SYNTHETIC CBIS-DDSM-format dataset (it says nothing about real mammograms)...");
        var synthetic = progress.Run(p => SyntheticCbisDdsm.Generate(
            dataDirectory, new SyntheticOptions { Cases = cases, Seed = seed }, p, token));
        var train = MassDataset.Load(synthetic.Splits[0].CsvPath, synthetic.RoiDirectory);
        var test = MassDataset.Load(synthetic.Splits[1].CsvPath, synthetic.RoiDirectory);
        Console.WriteLine("training CSV:");
        Console.WriteLine(StatsCommand.Describe(train.Statistics));

        Console.WriteLine("2/5 Training (validation split by patient chooses the head's settings and threshold)...");
        var options = new MassClassifierOptions { Seed = seed, FeatureCacheDirectory = Path.Combine(directory, "feature-cache") };
        var classifier = progress.Run(p => MassClassifier.Train(train, options with { Progress = p }, token));

        Console.WriteLine("3/5 Evaluating on the held-out test split...");
        var evaluation = progress.Run(p => classifier.Evaluate(test, new EvaluationOptions { FeatureCacheDirectory = options.FeatureCacheDirectory, Progress = p }, token));

        // The report names the test CSV where it will be once the folder is in place, not in the temporary folder.
        evaluation = evaluation with { Dataset = Path.Combine(target, Path.GetRelativePath(directory, evaluation.Dataset)) };
        Console.WriteLine(Summary.Describe(evaluation));
        Console.WriteLine($"oracle AUC of the generator on this split: {Summary.F(synthetic.Splits[1].OracleAuc)}");

        Console.WriteLine("4/5 Saving the model, loading it back and predicting a few test ROIs...");
        var modelPath = Path.Combine(directory, "model.zip");
        classifier.Save(modelPath);
        var reloaded = MassClassifier.Load(modelPath);
        var sample = test.Cases.Take(4).Select(c => c.RoiPath).ToList();
        var predictions = reloaded.Predict(sample, token);
        foreach (var p in predictions)
        {
            Console.WriteLine($"  {Path.GetFileName(p.Source)}: {p.Probability:F3} -> {(p.IsMalignant ? "malignant" : "benign")}");
        }

        Console.WriteLine("5/5 Writing the report...");
        var gallery = Gallery.Build(reloaded, evaluation, test, galleryPerKind, token);
        ReportWriter.Write(directory, evaluation, classifier.Training, test.Statistics, new DemoFacts(synthetic.Splits[1].OracleAuc, train.Statistics, predictions), gallery);
    }

    /// <summary>The real-data figure, said plainly beside the synthetic one (measured; see the README's MIAS section).</summary>
    internal const string RealDataNote =
        "On real mammograms: 92 non-calcification lesions of MIAS (85 women; MIAS is not CBIS-DDSM: British 1990s MLO films, disc masks),\n" +
        "repeated nested patient-grouped 5-fold cross-validation (10 repeats), default settings: mean AUC 0.741, sd 0.019. Reproduce with\n" +
        "  mammo import mias --info Info.txt --images images --out mias\n" +
        "  mammo cv --csv mias/mias_case_description.csv --roi-root mias/roi --folds 5 --repeats 10";
}
