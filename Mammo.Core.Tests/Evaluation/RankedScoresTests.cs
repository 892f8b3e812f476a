using Mammo.Evaluation;

namespace Mammo.Tests.Evaluation;

/// <summary>
/// The bootstrap ranks each resample as weights over one sort. Its AUCs must be exactly those of sorting the resample's
/// repeated rows, which is how the interval was computed before: the reference here is that straightforward version.
/// </summary>
public sealed class RankedScoresTests
{
    [Theory]
    [InlineData(1, 40, 3)]
    [InlineData(2, 200, 1)] // few distinct scores: long runs of ties
    [InlineData(3, 7, 2)]
    public void Weighted_auc_equals_the_auc_of_the_repeated_rows_bit_for_bit(int seed, int rows, int decimals)
    {
        var random = new Random(seed);
        var scores = Enumerable.Range(0, rows).Select(_ => Math.Round(random.NextDouble(), decimals)).ToArray();
        var labels = scores.Select(s => random.NextDouble() < 0.3 + (0.4 * s)).ToArray();
        var ranked = new RankedScores(scores, labels);
        for (var trial = 0; trial < 200; trial++)
        {
            var weights = scores.Select(_ => random.Next(4)).ToArray();
            var repeatedScores = scores.SelectMany((s, i) => Enumerable.Repeat(s, weights[i])).ToList();
            var repeatedLabels = labels.SelectMany((l, i) => Enumerable.Repeat(l, weights[i])).ToList();
            var expected = RocAnalysis.Auc(repeatedScores, repeatedLabels);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(ranked.Auc(weights)));
        }
    }

    [Fact]
    public void A_class_of_zero_weight_has_no_auc_and_a_wrong_length_is_refused()
    {
        var ranked = new RankedScores([0.1, 0.5, 0.9], [false, true, true]);
        Assert.True(double.IsNaN(ranked.Auc([0, 1, 1])));
        Assert.True(double.IsNaN(ranked.Auc([1, 0, 0])));
        Assert.Equal(1.0, ranked.Auc([1, 1, 1]));
        Assert.Equal(0.5, new RankedScores([0.3, 0.3], [false, true]).Auc([2, 3]));
        Assert.Contains("2 weights for 3 items", Assert.Throws<ArgumentException>(() => ranked.Auc([1, 1])).Message);
        Assert.Throws<ArgumentException>(() => new RankedScores([double.NaN], [true]));
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(9, 3)]
    public void The_bootstrap_interval_equals_resorting_every_resample(int seed, int rowsPerPatient)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, 30).SelectMany(p =>
        {
            var malignant = random.NextDouble() < 0.4;
            return Enumerable.Range(0, 1 + random.Next(rowsPerPatient)).Select(r =>
                new ScoredCase($"P{p}_LEFT_CC_{r + 1}", $"P{p % 23}", $"P{p}_LEFT_{r + 1}", malignant, Math.Round(random.NextDouble() + (malignant ? 0.3 : 0), 2)));
        }).ToList();
        Assert.Equal(ResortingEachResample(rows, 500, 11), MetricsCalculator.BootstrapAuc(rows, 500, 11));
    }

    /// <summary>The interval as computed before November 2026: each resample's rows gathered and sorted by <see cref="RocAnalysis.Auc"/>.</summary>
    private static ConfidenceInterval ResortingEachResample(IReadOnlyList<ScoredCase> items, int resamples, int seed)
    {
        var patients = items.GroupBy(i => i.PatientId, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        var random = new Random(seed);
        var aucs = new List<double>();
        for (var resample = 0; resample < resamples; resample++)
        {
            var drawn = Enumerable.Range(0, patients.Count).SelectMany(_ => patients[random.Next(patients.Count)]).ToList();
            var auc = RocAnalysis.Auc(drawn.Select(i => i.Probability).ToList(), drawn.Select(i => i.IsMalignant).ToList());
            if (!double.IsNaN(auc))
            {
                aucs.Add(auc);
            }
        }

        aucs.Sort();
        double Percentile(double q)
        {
            var position = q * (aucs.Count - 1);
            var lower = (int)Math.Floor(position);
            var upper = Math.Min(lower + 1, aucs.Count - 1);
            return aucs[lower] + ((aucs[upper] - aucs[lower]) * (position - lower));
        }

        return new ConfidenceInterval(Percentile(0.025), Percentile(0.975)) { UsableResamples = aucs.Count, Resamples = resamples };
    }
}
