using System.Globalization;
using Mammo.Evaluation;

namespace Mammo.Cli.Reporting;

/// <summary>
/// The reliability table of an evaluation: rows grouped into ten equal-width probability bins, each with its mean
/// predicted probability and its observed fraction of malignant rows. The calibration plot draws the same bins.
/// </summary>
internal static class CalibrationBins
{
    public const int Count = 10;

    public static IReadOnlyList<(int Bin, double MeanPredicted, double ObservedMalignant, int Rows)> Of(MassEvaluation e) =>
        e.Cases.GroupBy(c => Math.Clamp((int)(c.Probability * Count), 0, Count - 1))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Average(c => c.Probability), g.Average(c => c.IsMalignant ? 1.0 : 0.0), g.Count()))
            .ToList();

    /// <summary>The table as text, one line per non-empty bin.</summary>
    public static string Describe(MassEvaluation e) => string.Join(Environment.NewLine, new[]
    {
        "calibration (rows, 10 probability bins)",
        "  bin          mean predicted  observed malignant  rows",
    }.Concat(Of(e).Select(b => string.Create(
        CultureInfo.InvariantCulture,
        $"  {b.Bin / (double)Count:F1}-{(b.Bin + 1) / (double)Count:F1}      {Summary.F(b.MeanPredicted),-15} {Summary.F(b.ObservedMalignant),-19} {b.Rows}"))));
}
