using System.Globalization;
using Mammo.Explanation;
using ScottPlot;

namespace Mammo.Cli.Reporting;

/// <summary>
/// Pictures of explanations, drawn with ScottPlot in one coordinate space per picture (image rows run downwards, so a
/// ROI row y is drawn at -y): the ROI in grey with the crop square and the lesion box, the map as a see-through
/// overlay with a colour bar, and the 224 x 224 network input.
/// </summary>
internal static class ExplanationPlots
{
    private static readonly Color CropColor = Colors.Gold;
    private static readonly Color LesionColor = Colors.LimeGreen;

    /// <summary>Gets the second title line of a picture with a map: what the colours mean.</summary>
    public const string MapLegend = "colour = logit drop when a patch there is hidden (red: pushed towards malignant, blue: towards benign)";

    /// <summary>The <c>mammo explain</c> picture: the ROI with the map over the crop, in ROI coordinates.</summary>
    public static void Overlay(string path, MassExplanation e, string title)
    {
        var plot = NewPlot(title + "\n" + MapLegend);
        var (w, h) = (e.RoiWidth, e.RoiHeight);
        Grey(plot, e.RoiPixels.Span, w, h, 0, 0, 1);
        var range = Range(e);
        var map = plot.Add.Heatmap(ToGrid(e.ToRoiMap(), w, h));
        map.Colormap = new OverlayColormap();
        map.ManualRange = new ScottPlot.Range(-range, range);
        map.NaNCellColor = Colors.Transparent;
        map.Rectangle = new CoordinateRect(0, w, -h, 0);
        plot.Add.ColorBar(map);
        Outlines(plot, e, 0, 0, 1, withLegend: true);
        var crop = e.Crop;
        plot.Axes.SetLimits(Math.Min(0, crop.Left) - 2, Math.Max(w, crop.Left + crop.Side) + 2, -Math.Max(h, crop.Top + crop.Side) - 2, -Math.Min(0, crop.Top) + 2);
        plot.Axes.SquareUnits();
        Save(plot, path, 900, 720);
    }

    /// <summary>A gallery row: the ROI with its crop square, and beside it the network input with the map over it.</summary>
    public static void SideBySide(string path, MassExplanation e, string title)
    {
        var plot = NewPlot(title + "\n" + MapLegend);
        var (w, h) = (e.RoiWidth, e.RoiHeight);

        // Both panels are drawn 1 unit high; the input starts a little right of the ROI.
        var scale = 1.0 / Math.Max(w, h);
        Grey(plot, e.RoiPixels.Span, w, h, 0, 0, scale);
        Outlines(plot, e, 0, 0, scale, withLegend: true);
        var x0 = (w * scale) + 0.12;
        Grey(plot, e.Input.Span, MassExplanation.InputSide, MassExplanation.InputSide, x0, 0, 1.0 / MassExplanation.InputSide);
        var range = Range(e);
        var map = plot.Add.Heatmap(ToGrid(e.InputMap.ToArray(), MassExplanation.InputSide, MassExplanation.InputSide));
        map.Colormap = new OverlayColormap();
        map.ManualRange = new ScottPlot.Range(-range, range);
        map.Rectangle = new CoordinateRect(x0, x0 + 1, -1, 0);
        plot.Add.ColorBar(map);
        Caption(plot, "ROI, crop square (gold)", (w * scale) / 2, 0.04);
        Caption(plot, "network input 224 x 224 with the map", x0 + 0.5, 0.04);
        plot.Axes.SetLimits(-0.03, x0 + 1.03, -1.03, 0.12);
        plot.Axes.SquareUnits();
        Save(plot, path, 1000, 520);
    }

    /// <summary>"What the network sees": for each ROI, the ROI with its crop square and the preprocessed 224 x 224 input.</summary>
    public static void NetworkView(string path, IReadOnlyList<(string Name, MassExplanation Explanation)> rois)
    {
        var plot = NewPlot("What the network sees: each ROI with its crop square (gold), and the 224 x 224 input made from it");
        const double gap = 0.25;
        for (var i = 0; i < rois.Count; i++)
        {
            var (name, e) = rois[i];
            var y0 = -i * (1 + gap);
            var scale = 1.0 / Math.Max(e.RoiWidth, e.RoiHeight);
            Grey(plot, e.RoiPixels.Span, e.RoiWidth, e.RoiHeight, 0, y0, scale);
            Outlines(plot, e, 0, y0, scale, withLegend: i == 0);
            Grey(plot, e.Input.Span, MassExplanation.InputSide, MassExplanation.InputSide, 1.15, y0, 1.0 / MassExplanation.InputSide);
            Caption(plot, string.Create(CultureInfo.InvariantCulture, $"{name} ({e.RoiWidth} x {e.RoiHeight} px, crop side {e.Crop.Side:F0} px)"), 1.07, y0 + 0.06);
        }

        plot.Axes.SetLimits(-0.05, 2.2, -(rois.Count * (1 + gap)) + gap - 0.05, 0.15);
        plot.Axes.SquareUnits();
        Save(plot, path, 900, Math.Max(400, 330 * rois.Count));
    }

    public static string Title(string name, MassExplanation e) => string.Create(
        CultureInfo.InvariantCulture,
        $"{name}: p(malignant) = {e.Prediction.Probability:F3} -> {(e.Prediction.IsMalignant ? "MALIGNANT" : "BENIGN")} (threshold {e.Prediction.Threshold:F3})");

    /// <summary>Writes the PNG beside its target and renames it into place, so a failed run leaves no half-written picture.</summary>
    private static void Save(Plot plot, string path, int width, int height)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, plot.GetImageBytes(width, height, ImageFormat.Png));
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Title(title, size: 15);
        plot.HideAxesAndGrid();
        plot.Axes.Title.IsVisible = true;
        plot.Legend.FontSize = 13;
        return plot;
    }

    /// <summary>Symmetric colour limits: the map's largest magnitude, never 0 (a flat map stays clear).</summary>
    private static double Range(MassExplanation e) => Math.Max(e.MaximumMagnitude, 1e-6);

    /// <summary>Draws a grey image of w x h pixels with its top-left corner at (x0, y0), each pixel <paramref name="scale"/> units wide.</summary>
    private static void Grey(Plot plot, ReadOnlySpan<float> pixels, int w, int h, double x0, double y0, double scale)
    {
        var heatmap = plot.Add.Heatmap(ToGrid(pixels.ToArray(), w, h));
        heatmap.Colormap = new GreyColormap();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.Rectangle = new CoordinateRect(x0, x0 + (w * scale), y0 - (h * scale), y0);
    }

    /// <summary>The crop square and the lesion box of a ROI drawn at (x0, y0) with <paramref name="scale"/> units per pixel.</summary>
    private static void Outlines(Plot plot, MassExplanation e, double x0, double y0, double scale, bool withLegend)
    {
        var c = e.Crop;
        var crop = plot.Add.Rectangle(x0 + (c.Left * scale), x0 + ((c.Left + c.Side) * scale), y0 - ((c.Top + c.Side) * scale), y0 - (c.Top * scale));
        crop.FillColor = Colors.Transparent;
        crop.LineColor = CropColor;
        crop.LineWidth = 2.5f;
        crop.LinePattern = LinePattern.Dashed;
        if (withLegend)
        {
            crop.LegendText = "crop the network saw";
        }

        if (e.Lesion is { } b)
        {
            var lesion = plot.Add.Rectangle(x0 + (b.Left * scale), x0 + ((b.Right + 1) * scale), y0 - ((b.Bottom + 1) * scale), y0 - (b.Top * scale));
            lesion.FillColor = Colors.Transparent;
            lesion.LineColor = LesionColor;
            lesion.LineWidth = 2;
            if (withLegend)
            {
                lesion.LegendText = "lesion mask's extent";
            }
        }

        plot.Legend.Alignment = Alignment.LowerLeft;
    }

    private static void Caption(Plot plot, string text, double x, double y)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontSize = 13;
        label.LabelAlignment = Alignment.LowerCenter;
    }

    /// <summary>Row-major values to the [row, column] grid ScottPlot draws with row 0 at the top.</summary>
    private static double[,] ToGrid(float[] values, int w, int h)
    {
        var grid = new double[h, w];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                grid[y, x] = values[(y * w) + x];
            }
        }

        return grid;
    }
}
