using Mammo.Data;
using Mammo.Evaluation;

namespace Mammo.Explanation;

/// <summary>Chooses the rows worth explaining in a report: the model's most confident successes and mistakes.</summary>
public static class ExplanationGallery
{
    /// <summary>
    /// Chooses up to <paramref name="perKind"/> rows of each kind, decided at the evaluation's threshold: the true positives
    /// and false positives with the highest probability, the false negatives with the lowest. Ties go by case key, so the
    /// choice is deterministic.
    /// </summary>
    /// <param name="evaluation">The evaluation of <paramref name="dataset"/>.</param>
    /// <param name="dataset">The evaluated dataset, which knows each row's ROI file.</param>
    /// <param name="perKind">The number of rows of each kind, at least 0.</param>
    /// <returns>True positives, then false positives, then false negatives.</returns>
    public static IReadOnlyList<GalleryCase> Choose(MassEvaluation evaluation, MassDataset dataset, int perKind)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfNegative(perKind);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in dataset.Items)
        {
            paths.TryAdd(item.Record.CaseKey, item.RoiPath);
        }

        var threshold = evaluation.Threshold;
        var known = evaluation.Cases.Where(c => paths.ContainsKey(c.CaseKey)).ToList();
        IEnumerable<GalleryCase> Take(GalleryKind kind, Func<ScoredCase, bool> where, bool highestFirst)
        {
            var chosen = known.Where(where);
            var ordered = highestFirst ? chosen.OrderByDescending(c => c.Probability) : chosen.OrderBy(c => c.Probability);
            return ordered.ThenBy(c => c.CaseKey, StringComparer.Ordinal).Take(perKind).Select(c => new GalleryCase(kind, c, paths[c.CaseKey]));
        }

        return
        [
            .. Take(GalleryKind.TruePositive, c => c.IsMalignant && c.Probability >= threshold, true),
            .. Take(GalleryKind.FalsePositive, c => !c.IsMalignant && c.Probability >= threshold, true),
            .. Take(GalleryKind.FalseNegative, c => c.IsMalignant && c.Probability < threshold, false),
        ];
    }
}
