namespace Mammo.Evaluation;

/// <summary>
/// Scores sorted once, for the AUC of many reweightings of the same items (the bootstrap's resamples): each one is a
/// single pass over the sorted order instead of a sort of the repeated items.
/// </summary>
/// <remarks>
/// The value is bit for bit <see cref="RocAnalysis.Auc"/> of the items repeated by their weights: both find the
/// Mann-Whitney U exactly (an integer or a half, here from whole counts) and divide it once by positives x negatives.
/// </remarks>
internal sealed class RankedScores
{
    private readonly int[] order;
    private readonly bool[] endsRun;
    private readonly bool[] labels;

    /// <exception cref="ArgumentException">A score is NaN or infinite, or the lists differ in length.</exception>
    public RankedScores(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        RocAnalysis.CheckScores(scores, labels);
        var keys = scores.ToArray();
        order = [.. Enumerable.Range(0, keys.Length)];
        Array.Sort(keys, order);
        endsRun = new bool[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            endsRun[i] = i + 1 == keys.Length || keys[i + 1] != keys[i];
        }

        this.labels = [.. labels];
    }

    /// <summary>The AUC with item <c>i</c> counted <c>weights[i]</c> times; NaN when either class weighs nothing.</summary>
    public double Auc(ReadOnlySpan<int> weights)
    {
        if (weights.Length != order.Length)
        {
            throw new ArgumentException($"{weights.Length} weights for {order.Length} items.", nameof(weights));
        }

        // Twice U: each positive scores 2 per negative below it and 1 per negative tied with it.
        long positives = 0, negatives = 0, negativesBelow = 0, twiceU = 0, runPositives = 0, runNegatives = 0;
        for (var k = 0; k < order.Length; k++)
        {
            var item = order[k];
            if (labels[item])
            {
                runPositives += weights[item];
            }
            else
            {
                runNegatives += weights[item];
            }

            if (endsRun[k])
            {
                twiceU += runPositives * ((2 * negativesBelow) + runNegatives);
                positives += runPositives;
                negatives += runNegatives;
                negativesBelow += runNegatives;
                runPositives = 0;
                runNegatives = 0;
            }
        }

        // When either class weighs nothing, U is 0 as well: 0 / 0 is NaN, as RocAnalysis.Auc gives.
        return (twiceU / 2.0) / (positives * (double)negatives);
    }
}
