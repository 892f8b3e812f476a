namespace Mammo.Evaluation;

/// <summary>ROC curve and its area, computed exactly (ties get half credit, as in the Mann-Whitney U statistic).</summary>
internal static class RocAnalysis
{
    /// <summary>The area under the ROC curve; NaN when either class is absent.</summary>
    /// <exception cref="ArgumentException">A score is NaN or infinite, or the lists differ in length.</exception>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        CheckScores(scores, labels);
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        long positives = labels.Count(l => l);
        long negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        // Sum of the positives' mid-ranks: a run of tied scores at sorted positions first..i holds ranks first + 1 .. i + 1.
        double rankSum = 0;
        long runPositives = 0;
        var first = 0;
        for (var i = 0; i < order.Length; i++)
        {
            if (labels[order[i]])
            {
                runPositives++;
            }

            if (EndsTieRun(scores, order, i))
            {
                rankSum += runPositives * (first + i + 2) / 2.0;
                runPositives = 0;
                first = i + 1;
            }
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }

    /// <summary>The ROC curve's corner points, from (0, 0) to (1, 1), one per distinct score.</summary>
    /// <exception cref="ArgumentException">A score is NaN or infinite, or the lists differ in length.</exception>
    public static IReadOnlyList<RocPoint> Curve(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        CheckScores(scores, labels);
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        var points = new List<RocPoint> { new(0, 0, double.PositiveInfinity) };
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        int tp = 0, fp = 0;
        for (var i = 0; i < order.Length; i++)
        {
            if (labels[order[i]])
            {
                tp++;
            }
            else
            {
                fp++;
            }

            if (EndsTieRun(scores, order, i))
            {
                points.Add(new RocPoint(
                    negatives == 0 ? 0 : (double)fp / negatives, positives == 0 ? 0 : (double)tp / positives, scores[order[i]]));
            }
        }

        return points;
    }

    /// <summary>Whether sorted position <paramref name="i"/> is the last of its run of tied scores.</summary>
    /// <remarks>One pass with a plain counter, no inner loop that advances through a run: a mistake in a tie test ends
    /// the pass (or reads past the end) instead of spinning.</remarks>
    private static bool EndsTieRun(IReadOnlyList<double> scores, int[] order, int i) =>
        i + 1 == order.Length || scores[order[i + 1]] != scores[order[i]];

    /// <summary>
    /// Refuses scores that are not finite: a ranking with NaN has no meaning (NaN compares unequal to everything, itself
    /// included). Callers holding data-derived scores check first and name the row.
    /// </summary>
    internal static void CheckScores(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        if (scores.Count != labels.Count)
        {
            throw new ArgumentException($"{scores.Count} scores but {labels.Count} labels.", nameof(labels));
        }

        for (var i = 0; i < scores.Count; i++)
        {
            if (!double.IsFinite(scores[i]))
            {
                throw new ArgumentException($"Score {i} is {scores[i]}; ROC analysis needs finite scores.", nameof(scores));
            }
        }
    }
}
