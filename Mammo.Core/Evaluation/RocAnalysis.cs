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

        // Sum of the positives' mid-ranks.
        double rankSum = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end < order.Length && scores[order[end]] == scores[order[start]])
            {
                end++;
            }

            var midRank = (start + end + 1) / 2.0;
            for (var k = start; k < end; k++)
            {
                if (labels[order[k]])
                {
                    rankSum += midRank;
                }
            }

            start = end;
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
        for (var start = 0; start < order.Length;)
        {
            var threshold = scores[order[start]];
            while (start < order.Length && scores[order[start]] == threshold)
            {
                if (labels[order[start]])
                {
                    tp++;
                }
                else
                {
                    fp++;
                }

                start++;
            }

            points.Add(new RocPoint(
                negatives == 0 ? 0 : (double)fp / negatives, positives == 0 ? 0 : (double)tp / positives, threshold));
        }

        return points;
    }

    /// <summary>
    /// Refuses scores that are not finite: NaN compares unequal to itself, so the tie loops would never advance, and a
    /// ranking with NaN has no meaning. Callers holding data-derived scores check first and name the row.
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
