using Mammo.Heads;
using Mammo.Tests.Support;
using Mammo.Training;

namespace Mammo.Tests.Heads;

/// <summary>
/// The head search on sixteen rows of two features built so that only a weakly regularised head separates them:
/// feature 0 is 2 x label + e, feature 1 is e, with e the same for each malignant row and its benign partner. A heavy L2
/// leaves about the mean difference (feature 0 alone, which overlaps); a light one finds feature 0 - feature 1 = 2 x label.
/// </summary>
public sealed class HeadSearchChoiceTests
{
    private static HeadData Data(int offset)
    {
        var vectors = new float[16][];
        var labels = new bool[16];
        for (var i = 0; i < 16; i++)
        {
            labels[i] = i % 2 == 0;
            var e = (float)(3 * Math.Sin(1.7 * ((i / 2) + offset)));
            vectors[i] = [(labels[i] ? 2 : 0) + e, e];
        }

        return new HeadData(vectors, labels, [.. Enumerable.Range(0, 16).Select(i => $"P{offset}_{i}")], 1);
    }

    private static readonly HeadCandidate[] Candidates = [new(1e5), new(1e-3)];

    private static HeadSearchSettings Settings => new(HeadTrainer.LbfgsLogisticRegression, false, ThresholdPolicy.YoudenJ, 0.9, false, Seed: 5);

    [Fact]
    public void A_weaker_regularisation_that_validates_better_wins()
    {
        var reports = new ProgressLog();
        var result = HeadSearch.Run(Data(0), Data(8), null, Candidates, Settings, reports);
        Assert.Equal(1e-3, result.Chosen.Regularization);
        Assert.Equal(1.0, result.ValidationAuc);
        Assert.True(result.Curve.Single(p => p.Regularization == 1e5).ValidationAuc < 1, "the heavy L2 should not separate");

        // One report per fitted candidate, counted up to the number of candidates.
        Assert.Equal([1, 2], reports.Seen.Select(r => r.Done).Order());
        Assert.All(reports.Seen, r => Assert.Equal(("train", 2), (r.Stage, r.Total)));
    }

    [Fact]
    public void A_cancelled_search_fits_nothing()
    {
        var reports = new ProgressLog();
        Assert.ThrowsAny<OperationCanceledException>(() => HeadSearch.Run(Data(0), Data(8), null, Candidates, Settings, reports, new CancellationToken(canceled: true)));
        Assert.Empty(reports.Seen);
    }

    [Fact]
    public void No_candidate_or_a_refit_without_its_data_is_refused_with_the_reason()
    {
        var none = Assert.Throws<ArgumentException>(() => HeadSearch.Run(Data(0), Data(8), null, [], Settings));
        Assert.StartsWith("At least one candidate is needed.", none.Message);
        Assert.Equal("candidates", none.ParamName);
        var refit = Assert.Throws<ArgumentNullException>(() => HeadSearch.Run(Data(0), Data(8), null, Candidates, Settings with { Refit = true }));
        Assert.StartsWith("A refit needs the validation part under the training transforms.", refit.Message);
    }
}
