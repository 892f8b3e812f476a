using Mammo.Features;
using Mammo.Heads;
using Mammo.Training;

namespace Mammo.Tests.Heads;

/// <summary>
/// The exact logistic fitter's two solvers (in the span of the rows for few rows, over the features for many) reach the
/// same optimum, so the head search chooses the same candidate, threshold and calibration whichever one runs.
/// </summary>
public sealed class KernelLogisticFitterTests
{
    /// <summary>Uncentred, positive, correlated features as after ReLU and pooling; a weak signal in a few of them.</summary>
    private static (float[][] Vectors, bool[] Labels, string[] Groups) Generated(int rows, int features, int seed)
    {
        var random = new Random(seed);
        var labels = new bool[rows];
        var vectors = new float[rows][];
        var groups = new string[rows];
        for (var i = 0; i < rows; i++)
        {
            labels[i] = random.NextDouble() < 0.45;
            groups[i] = $"P{i / 2}";
            var shared = random.NextDouble();
            vectors[i] = [.. Enumerable.Range(0, features).Select(k => (float)(2 + shared + random.NextDouble() + (labels[i] && k < 6 ? 0.5 * random.NextDouble() : 0)))];
        }

        return (vectors, labels, groups);
    }

    [Theory]
    [InlineData(120, 200)] // fewer rows than features
    [InlineData(400, 60)] // more rows than features
    public void Both_solvers_reach_the_same_optimum(int rows, int features)
    {
        var (vectors, labels, _) = Generated(rows, features, seed: rows);
        var (test, _, _) = Generated(50, features, seed: 99);
        foreach (var c in new[] { 0.01, 0.1, 1, 10 })
        {
            var overRows = new KernelLogisticFitter(rowSpanLimit: int.MaxValue).Fit(vectors, labels, c);
            var overFeatures = new KernelLogisticFitter(rowSpanLimit: 0).Fit(vectors, labels, c);
            foreach (var set in new[] { vectors, test })
            {
                var expected = overRows(set);
                var actual = overFeatures(set);
                Assert.All(expected.Zip(actual), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1e-6));
            }
        }
    }

    [Fact]
    public void The_head_search_chooses_the_same_setting_threshold_and_calibration_with_either_solver()
    {
        // Enough rows for the features solver to be the default (above RowSpanLimit), fewer features to keep it fast.
        var (vectors, labels, groups) = Generated(KernelLogisticFitter.RowSpanLimit + 88, 48, seed: 5);
        var options = new NestedSearchOptions { Recipes = [FeatureRecipe.Raw], L2PerExample = [0.01, 0.1, 1, 10] };
        var overRows = NestedHeadSearch.Train(vectors, labels, groups, options, new KernelLogisticFitter(rowSpanLimit: int.MaxValue), seed: 3);
        var byDefault = NestedHeadSearch.Train(vectors, labels, groups, options, new KernelLogisticFitter(), seed: 3);
        Assert.Equal(overRows.Candidate, byDefault.Candidate);
        Assert.Equal(overRows.InnerCrossValidated, byDefault.InnerCrossValidated);
        Assert.All(overRows.Selection.Scores.Zip(byDefault.Selection.Scores), p =>
        {
            Assert.Equal(p.First.Candidate, p.Second.Candidate);
            Assert.Equal(p.First.Auc, p.Second.Auc, 6);
        });
        Assert.Equal(overRows.Threshold, byDefault.Threshold, 6);
        Assert.Equal(overRows.Calibration.A, byDefault.Calibration.A, 5);
        Assert.Equal(overRows.Calibration.B, byDefault.Calibration.B, 5);
        Assert.All(overRows.Score(vectors).Zip(byDefault.Score(vectors)), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1e-6));
    }
}
