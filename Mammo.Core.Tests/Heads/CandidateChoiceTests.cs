using Mammo.Features;
using Mammo.Heads;
using Mammo.Training;

namespace Mammo.Tests.Heads;

/// <summary>
/// Inner cross-validation and the nested search's one-split path with a fitter whose answers are known: candidate k (its
/// L2 value) scores a row by feature k. Feature 0 ranks malignant rows first, 1 last, 2 is 0's copy, 3 is a weak mix.
/// </summary>
public sealed class CandidateChoiceTests
{
    private sealed class FeatureFitter : IHeadFitter
    {
        public Func<IReadOnlyList<float[]>, double[]> Fit(IReadOnlyList<float[]> vectors, IReadOnlyList<bool> labels, double l2PerExample)
        {
            var feature = (int)l2PerExample;
            return rows => [.. rows.Select(r => (double)r[feature])];
        }
    }

    private static (float[][] Rows, bool[] Labels, string[] Groups) Data()
    {
        var rows = new float[20][];
        var labels = new bool[20];
        for (var i = 0; i < 20; i++)
        {
            labels[i] = i % 2 == 0;
            var separating = (labels[i] ? 0.6f : 0.1f) + (0.03f * i);
            rows[i] = [separating, 1 - separating, separating, (i % 3) / 3f];
        }

        return (rows, labels, [.. Enumerable.Range(0, 20).Select(i => $"P{i:D2}")]);
    }

    private static NestedSearchOptions OneSplit(params double[] l2) =>
        new() { Recipes = [FeatureRecipe.Raw], L2PerExample = l2, InnerCrossValidationPatientLimit = 1 };

    [Fact]
    public void On_one_split_a_tie_keeps_the_first_candidate()
    {
        // Strongest first: L2 2 (feature 2) before L2 0 (feature 0, the same values): both validate with AUC 1.
        var (rows, labels, groups) = Data();
        var head = NestedHeadSearch.Train(rows, labels, groups, OneSplit(0, 2), new FeatureFitter(), 4);
        Assert.False(head.InnerCrossValidated);
        Assert.Equal(2, head.Candidate.L2PerExample);
        Assert.Equal([1.0, 1.0], head.Selection.Scores.Select(s => s.Auc));
    }

    [Fact]
    public void On_one_split_a_later_worse_candidate_does_not_win()
    {
        // L2 3 (feature 3, a mix) before L2 1 (feature 1, every malignant row last: AUC 0).
        var (rows, labels, groups) = Data();
        var head = NestedHeadSearch.Train(rows, labels, groups, OneSplit(1, 3), new FeatureFitter(), 4);
        Assert.Equal(3, head.Candidate.L2PerExample);
        Assert.Equal(0.0, head.Selection.Scores.Single(s => s.Candidate.L2PerExample == 1).Auc);
    }

    [Fact]
    public void A_cancelled_search_stops_before_fitting()
    {
        var (rows, labels, groups) = Data();
        var cancelled = new CancellationToken(canceled: true);
        Assert.ThrowsAny<OperationCanceledException>(() => NestedHeadSearch.Train(rows, labels, groups, OneSplit(0, 2), new FeatureFitter(), 4, cancelled));
        Assert.ThrowsAny<OperationCanceledException>(
            () => InnerCrossValidation.Select(rows, labels, groups, [new RecipeCandidate(FeatureRecipe.Raw, 0)], 3, 4, new FeatureFitter(), cancelled));
    }

    [Fact]
    public void Inner_cross_validation_without_a_candidate_is_refused_with_the_reason()
    {
        var (rows, labels, groups) = Data();
        var e = Assert.Throws<ArgumentException>(() => InnerCrossValidation.Select(rows, labels, groups, [], 3, 4, new FeatureFitter()));
        Assert.StartsWith("At least one candidate is needed.", e.Message);
        Assert.Equal("candidates", e.ParamName);
    }
}
