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
    [InlineData(160, 40)] // more rows than features
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
    public void Above_the_row_span_limit_the_default_fitter_solves_over_the_features()
    {
        // The default fitter on more rows than the limit gives what the features solver gives, bit for bit.
        var (vectors, labels, _) = Generated(KernelLogisticFitter.RowSpanLimit + 1, 16, seed: 8);
        Assert.Equal(new KernelLogisticFitter(rowSpanLimit: 0).Fit(vectors, labels, 1)(vectors), new KernelLogisticFitter().Fit(vectors, labels, 1)(vectors));
    }

    [Fact]
    public void The_head_search_chooses_the_same_setting_threshold_and_calibration_with_either_solver()
    {
        // One row per patient and more patients than the inner cross-validation limit: the single validation split that a
        // CBIS-DDSM-sized training set takes. The limit is lowered and the features few, so the row-span solver's n^3
        // stays cheap (also under a mutation run's coverage instrumentation).
        var (vectors, labels, _) = Generated(140, 24, seed: 5);
        var groups = Enumerable.Range(0, vectors.Length).Select(i => $"P{i}").ToArray();
        var options = new NestedSearchOptions { Recipes = [FeatureRecipe.Raw], L2PerExample = [0.01, 0.1, 1, 10], InnerCrossValidationPatientLimit = 120 };
        var overRows = NestedHeadSearch.Train(vectors, labels, groups, options, new KernelLogisticFitter(rowSpanLimit: int.MaxValue), seed: 3);
        var overFeatures = NestedHeadSearch.Train(vectors, labels, groups, options, new KernelLogisticFitter(rowSpanLimit: 0), seed: 3);
        Assert.False(overRows.InnerCrossValidated);
        Assert.Equal(overRows.Candidate, overFeatures.Candidate);
        Assert.Equal(overRows.InnerCrossValidated, overFeatures.InnerCrossValidated);
        Assert.All(overRows.Selection.Scores.Zip(overFeatures.Selection.Scores), p =>
        {
            Assert.Equal(p.First.Candidate, p.Second.Candidate);
            Assert.Equal(p.First.Auc, p.Second.Auc, 6);
        });
        Assert.Equal(overRows.Threshold, overFeatures.Threshold, 6);
        Assert.Equal(overRows.Calibration.A, overFeatures.Calibration.A, 5);
        Assert.Equal(overRows.Calibration.B, overFeatures.Calibration.B, 5);
        Assert.All(overRows.Score(vectors).Zip(overFeatures.Score(vectors)), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1e-6));
    }

    [Theory]
    [InlineData(int.MaxValue)] // in the span of the rows
    [InlineData(0)] // over the features
    public void A_fit_that_meets_a_non_finite_number_stops_with_an_error_instead_of_returning_nan_scores(int rowSpanLimit)
    {
        var (vectors, labels, _) = Generated(30, 8, seed: 2);
        vectors[3][5] = float.NaN;
        var e = Assert.Throws<InvalidOperationException>(() => new KernelLogisticFitter(rowSpanLimit: rowSpanLimit).Fit(vectors, labels, 1));
        Assert.Contains("NaN", e.Message);
    }
}
