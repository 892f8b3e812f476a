using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Mammo.CbisDdsm;
using Mammo.Cli.Commands;
using Mammo.Evaluation;
using Mammo.Training;

namespace Mammo.Cli.Reporting;

/// <summary>
/// Writes a report folder: <c>report.md</c> (readable on GitHub), <c>metrics.json</c> and the PNG plots. Everything is
/// written to a temporary folder first and moved into place, so a failed run leaves no half-written report.
/// </summary>
internal static class ReportWriter
{
    public const string ReportFileName = "report.md";
    public const string MetricsFileName = "metrics.json";

    public static void Write(string directory, MassEvaluation evaluation, TrainingSummary training, DatasetStatistics testStatistics, DemoFacts? demo, Gallery? gallery = null)
    {
        // A new folder appears whole, in one rename; into an existing one (the demo's, which also holds the model) the
        // files go one by one, report.md last, so a report.md that names the pictures only appears once they are in place.
        AtomicOutput.WriteDirectory(directory, ReportFileName, staging =>
        {
            Plots.WriteEvaluationPlots(staging, evaluation);
            Plots.ValidationCurve(Path.Combine(staging, "validation-curve.png"), training);
            gallery?.WritePictures(staging);
            File.WriteAllText(Path.Combine(staging, MetricsFileName), Metrics(evaluation, training, testStatistics, demo).ToJsonString(JsonOptions.Indented));
            File.WriteAllText(Path.Combine(staging, ReportFileName), Markdown(evaluation, training, testStatistics, demo, gallery));
        });
    }

    public static JsonObject Metrics(MassEvaluation evaluation, TrainingSummary training, DatasetStatistics testStatistics, DemoFacts? demo)
    {
        var json = evaluation.ToJson();
        json["testDataset"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(StatsCommand.ToJson(testStatistics)));
        json["training"] = new JsonObject
        {
            ["rows"] = training.TrainingRows,
            ["validationRows"] = training.ValidationRows,
            ["chosenRegularization"] = training.ChosenRegularization,
            ["validationAuc"] = Finite(training.ValidationAuc),
            ["threshold"] = Finite(training.Threshold),
            ["thresholdPolicy"] = training.ThresholdPolicy.ToString(),
            ["validationCurve"] = new JsonArray(training.ValidationCurve.Select(p => (JsonNode)new JsonObject
            {
                ["regularization"] = p.Regularization,
                ["trainingAuc"] = Finite(p.TrainingAuc),
                ["validationAuc"] = Finite(p.ValidationAuc),
            }).ToArray()),
        };
        if (demo is not null)
        {
            json["oracleAuc"] = Finite(demo.OracleAuc);
            json["trainDataset"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(StatsCommand.ToJson(demo.TrainingStatistics)));
        }

        return json;
    }

    // JSON has no NaN or infinity: an undefined figure (an AUC of a one-class split, an infinite threshold) is written as null.
    private static JsonNode? Finite(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 6)) : null;

    private static string Markdown(MassEvaluation e, TrainingSummary t, DatasetStatistics test, DemoFacts? demo, Gallery? gallery)
    {
        var md = new StringBuilder();
        md.AppendLine("# Mammo evaluation report").AppendLine();
        if (demo is not null)
        {
            md.AppendLine("> **Synthetic data.** These figures come from Mammo's synthetic CBIS-DDSM-format generator and say nothing about")
              .AppendLine("> performance on real mammograms. Mammo is a research library, not a medical device.").AppendLine();
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"Evaluated on `{Path.GetFileName(e.Dataset)}`: {e.Rows.Count} rows ({e.Rows.Positives} malignant), {e.Lesions.Count} lesions, {test.Patients} patients. ")
          .AppendLine(CultureInfo.InvariantCulture, $"Decisions at the threshold chosen on the validation split ({t.ThresholdPolicy}): **{Summary.F(e.Threshold)}**.").AppendLine();
        md.AppendLine("## Results").AppendLine()
          .AppendLine("| figure | rows | lesions (CC and MLO averaged) |")
          .AppendLine("| --- | --- | --- |");
        void Row(string name, string rows, string lesions) => md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {rows} | {lesions} |");
        Row("AUC", Summary.F(e.Rows.Auc), Summary.F(e.Lesions.Auc));
        Row("AUC 95% CI (patient bootstrap)", Summary.Interval(e.Rows.AucCi95), Summary.Interval(e.Lesions.AucCi95));
        Row("bootstrap resamples usable (both classes) / drawn", Summary.Resamples(e.Rows.AucCi95), Summary.Resamples(e.Lesions.AucCi95));
        Row("accuracy", Summary.F(e.Rows.Accuracy), Summary.F(e.Lesions.Accuracy));
        Row("majority-class baseline accuracy", Summary.F(e.Rows.MajorityBaselineAccuracy), Summary.F(e.Lesions.MajorityBaselineAccuracy));
        Row("sensitivity", Summary.F(e.Rows.Sensitivity), Summary.F(e.Lesions.Sensitivity));
        Row("specificity", Summary.F(e.Rows.Specificity), Summary.F(e.Lesions.Specificity));
        Row("PPV", Summary.F(e.Rows.Ppv), Summary.F(e.Lesions.Ppv));
        Row("NPV", Summary.F(e.Rows.Npv), Summary.F(e.Lesions.Npv));
        Row("F1", Summary.F(e.Rows.F1), Summary.F(e.Lesions.F1));
        Row("TP / FP / TN / FN", Summary.Confusion(e.Rows.Confusion), Summary.Confusion(e.Lesions.Confusion));
        if (demo is not null)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"The generator's oracle AUC on this split (its own latent probability against the drawn labels, the ceiling for any model) is **{Summary.F(demo.OracleAuc)}**; the model reaches {Summary.F(e.Rows.Auc / demo.OracleAuc)} of it.");
            md.AppendLine().AppendLine("These are synthetic figures. " + Commands.DemoCommand.RealDataNote.Replace("\n", " ", StringComparison.Ordinal));
        }

        md.AppendLine().AppendLine("![ROC curve](roc.png)").AppendLine()
          .AppendLine("![Scores by class](scores.png)").AppendLine()
          .AppendLine("![Calibration](calibration.png)").AppendLine()
          .AppendLine("![Confusion matrix](confusion.png)").AppendLine();
        gallery?.AppendMarkdown(md);
        md.AppendLine("## Training").AppendLine()
          .AppendLine(string.IsNullOrEmpty(t.Selection) || t.Selection.StartsWith("one validation split (augmentation", StringComparison.Ordinal)
              ? string.Create(CultureInfo.InvariantCulture, $"The head ({t.Trainer}) was trained on {t.TrainingRows} rows of {t.TrainingPatients} patients; {t.ValidationRows} rows of {t.ValidationPatients} other patients were held out to choose the regularisation (validation AUC per setting below) and the threshold. The test set played no part. Final head refitted on training plus validation rows: {(t.Refitted ? "yes" : "no")}.")
              : string.Create(CultureInfo.InvariantCulture, $"The head ({t.Trainer}) was trained on {t.TrainingRows} rows of {t.TrainingPatients} patients. Feature recipe {t.FeatureRecipe} and L2 {t.ChosenRegularization} per example were chosen by {t.Selection} (held-out AUC per L2 below); the calibration (Platt) and the threshold come from that setting's held-out scores; the final head was refitted on every training row. The test set played no part.")).AppendLine()
          .AppendLine("| L2 | training AUC | validation AUC |")
          .AppendLine("| --- | --- | --- |");
        foreach (var p in t.ValidationCurve)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {p.Regularization}{(p.Regularization == t.ChosenRegularization ? " (chosen)" : "")} | {Summary.F(p.TrainingAuc)} | {Summary.F(p.ValidationAuc)} |");
        }

        md.AppendLine().AppendLine("![Validation curve](validation-curve.png)").AppendLine();
        md.AppendLine("## Data").AppendLine()
          .AppendLine("| | rows | patients | lesions | malignant | benign (of which without call-back) | majority class | majority-baseline accuracy |")
          .AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        void Stats(string name, DatasetStatistics s) => md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {s.Rows} | {s.Patients} | {s.Lesions} | {s.Malignant} | {s.Benign} ({s.BenignWithoutCallback}) | {s.MajorityClass} | {s.MajorityBaselineAccuracy:F3} |");
        if (demo is not null)
        {
            Stats("training CSV", demo.TrainingStatistics);
        }

        Stats("evaluated CSV", test);
        if (e.Skipped.Count > 0)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{e.Skipped.Count} row(s) were left out: ").AppendLine();
            foreach (var s in e.Skipped.Take(50))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- `{s.CaseKey}`: {s.Reason}");
            }
        }

        if (demo is { Predictions.Count: > 0 })
        {
            md.AppendLine().AppendLine("## Predictions with the saved model, reloaded").AppendLine()
              .AppendLine("| ROI | probability | decision |").AppendLine("| --- | --- | --- |");
            foreach (var p in demo.Predictions)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| `{Path.GetFileName(p.Source)}` | {p.Probability:F3} | {(p.IsMalignant ? "malignant" : "benign")} |");
            }
        }

        return md.ToString();
    }
}
