using Mammo.Evaluation;
using Mammo.Training;
using ScottPlot;

namespace Mammo.Cli.Reporting;

/// <summary>The report's figures, drawn with ScottPlot: each with a title, labelled axes and legible text at 800 x 600.</summary>
internal static class Plots
{
    private const int Width = 800;
    private const int Height = 600;

    /// <summary>Writes the plots that need only an evaluation (ROC, scores by class, calibration, confusion) into a folder.</summary>
    public static void WriteEvaluationPlots(string folder, MassEvaluation e)
    {
        Roc(Path.Combine(folder, "roc.png"), e);
        ScoresByClass(Path.Combine(folder, "scores.png"), e);
        Calibration(Path.Combine(folder, "calibration.png"), e);
        ConfusionMatrix(Path.Combine(folder, "confusion.png"), e);
    }

    public static void Roc(string path, MassEvaluation e)
    {
        var plot = NewPlot($"ROC curve (rows): AUC {Summary.F(e.Rows.Auc)}, 95% CI {Summary.Interval(e.Rows.AucCi95)}", "False-positive rate (1 - specificity)", "True-positive rate (sensitivity)");
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LinePattern = LinePattern.Dashed;
        chance.Color = Colors.Gray;
        chance.LegendText = "Chance (AUC 0.5)";
        var rows = plot.Add.ScatterLine(e.Rows.Roc.Select(p => p.FalsePositiveRate).ToArray(), e.Rows.Roc.Select(p => p.TruePositiveRate).ToArray());
        rows.LineWidth = 3;
        rows.LegendText = $"Rows (AUC {Summary.F(e.Rows.Auc)})";
        var lesions = plot.Add.ScatterLine(e.Lesions.Roc.Select(p => p.FalsePositiveRate).ToArray(), e.Lesions.Roc.Select(p => p.TruePositiveRate).ToArray());
        lesions.LineWidth = 2;
        lesions.LinePattern = LinePattern.DenselyDashed;
        lesions.LegendText = $"Lesions (AUC {Summary.F(e.Lesions.Auc)})";
        var operating = plot.Add.Marker(1 - e.Rows.Specificity, e.Rows.Sensitivity, MarkerShape.FilledCircle, 12);
        operating.LegendText = $"Operating point (threshold {Summary.F(e.Threshold)})";
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.Legend.Alignment = Alignment.LowerRight;
        Save(plot, path);
    }

    public static void ScoresByClass(string path, MassEvaluation e)
    {
        var plot = NewPlot("Malignancy scores by true class", "Predicted malignancy probability", "Rows");
        const int bins = 20;
        foreach (var (label, malignant, color, offset) in new[] { ("Benign", false, Colors.SteelBlue, -0.0125), ("Malignant", true, Colors.OrangeRed, 0.0125) })
        {
            var counts = new double[bins];
            foreach (var c in e.Cases.Where(c => c.IsMalignant == malignant))
            {
                counts[Math.Min(bins - 1, (int)(c.Probability * bins))]++;
            }

            var bars = plot.Add.Bars(Enumerable.Range(0, bins).Select(i => ((i + 0.5) / bins) + offset).ToArray(), counts);
            bars.Color = color;
            bars.LegendText = $"{label} (n = {e.Cases.Count(c => c.IsMalignant == malignant)})";
            foreach (var bar in bars.Bars)
            {
                bar.Size = 0.022;
            }
        }

        var threshold = plot.Add.VerticalLine(e.Threshold);
        threshold.LinePattern = LinePattern.Dashed;
        threshold.Color = Colors.Black;
        threshold.LegendText = $"Threshold {Summary.F(e.Threshold)}";
        plot.Axes.SetLimitsX(0, 1);
        Save(plot, path);
    }

    public static void Calibration(string path, MassEvaluation e)
    {
        var plot = NewPlot("Calibration (rows, 10 probability bins)", "Mean predicted probability", "Observed fraction malignant");
        var ideal = plot.Add.Line(0, 0, 1, 1);
        ideal.LinePattern = LinePattern.Dashed;
        ideal.Color = Colors.Gray;
        ideal.LegendText = "Perfect calibration";
        var bins = CalibrationBins.Of(e);
        var observed = plot.Add.Scatter(bins.Select(b => b.MeanPredicted).ToArray(), bins.Select(b => b.ObservedMalignant).ToArray());
        observed.LineWidth = 2;
        observed.MarkerSize = 10;
        observed.LegendText = "Model";
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.Legend.Alignment = Alignment.UpperLeft;
        Save(plot, path);
    }

    public static void ValidationCurve(string path, TrainingSummary t)
    {
        var plot = NewPlot($"Validation curve: L2 {t.ChosenRegularization} chosen on the validation split", "L2 regularisation strength (log10)", "AUC");
        var x = t.ValidationCurve.Select(p => Math.Log10(Math.Max(p.Regularization, 1e-6))).ToArray();
        var training = plot.Add.Scatter(x, t.ValidationCurve.Select(p => p.TrainingAuc).ToArray());
        training.LegendText = "Training part";
        training.LineWidth = 2;
        var validation = plot.Add.Scatter(x, t.ValidationCurve.Select(p => p.ValidationAuc).ToArray());
        validation.LegendText = "Validation part (chooses)";
        validation.LineWidth = 3;
        var chosen = plot.Add.VerticalLine(Math.Log10(Math.Max(t.ChosenRegularization, 1e-6)));
        chosen.LinePattern = LinePattern.Dashed;
        chosen.Color = Colors.Black;
        chosen.LegendText = "Chosen";
        plot.ShowLegend(Edge.Bottom);
        Save(plot, path);
    }

    public static void ConfusionMatrix(string path, MassEvaluation e)
    {
        var c = e.Rows.Confusion;
        var plot = NewPlot($"Confusion matrix (rows) at threshold {Summary.F(e.Threshold)}", "Predicted", "Actual");
        var cells = new[]
        {
            (0, 1, c.TrueNegatives, "TN"), (1, 1, c.FalsePositives, "FP"),
            (0, 0, c.FalseNegatives, "FN"), (1, 0, c.TruePositives, "TP"),
        };
        var max = Math.Max(1, cells.Max(cell => cell.Item3));
        foreach (var (column, row, count, name) in cells)
        {
            var shade = 0.15 + (0.75 * count / max);
            var rectangle = plot.Add.Rectangle(column, column + 1, row, row + 1);
            rectangle.FillColor = Colors.SteelBlue.WithAlpha(shade);
            rectangle.LineColor = Colors.White;
            var text = plot.Add.Text($"{name}\n{count}", column + 0.5, row + 0.5);
            text.LabelFontSize = 28;
            text.LabelBold = true;
            text.LabelAlignment = Alignment.MiddleCenter;
        }

        plot.Axes.Bottom.SetTicks([0.5, 1.5], ["Benign", "Malignant"]);
        plot.Axes.Left.SetTicks([0.5, 1.5], ["Malignant", "Benign"]);
        plot.Axes.SetLimits(0, 2, 0, 2);
        Save(plot, path);
    }

    private static Plot NewPlot(string title, string x, string y)
    {
        var plot = new Plot();
        plot.Title(title, size: 18);
        plot.XLabel(x, size: 16);
        plot.YLabel(y, size: 16);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Legend.FontSize = 14;
        plot.ShowLegend();
        return plot;
    }

    private static void Save(Plot plot, string path) => plot.SavePng(path, Width, Height);
}
