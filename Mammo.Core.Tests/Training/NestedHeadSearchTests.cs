using Mammo.Evaluation;
using Mammo.Features;
using Mammo.CrossValidation;
using Mammo.Heads;
using Mammo.Training;

namespace Mammo.Tests.Training;

/// <summary>The head search and cross-validation engines, on generated bundles (milliseconds, no network).</summary>
public sealed class NestedHeadSearchTests
{
    /// <summary>
    /// Bundles whose malignancy signal lies only in the stage-4 lesion block (the pooled block is noise), 2 rows per
    /// patient for some patients.
    /// </summary>
    private static (float[][] Bundles, bool[] Labels, string[] Groups) Generated(int rows, int seed, double signal = 1.5)
    {
        var random = new Random(seed);
        var (offset, length) = FeatureBundle.Locate(new FeatureBlock(MapSource.Stage4, MapRegion.Lesion, PoolStatistic.Mean));
        var bundles = new float[rows][];
        var labels = new bool[rows];
        var groups = new string[rows];
        for (var i = 0; i < rows; i++)
        {
            var patient = i % 3 == 2 ? i - 1 : i;
            groups[i] = $"P{patient}";
            labels[i] = i % 3 == 2 ? labels[i - 1] : random.NextDouble() < 0.45;
            var b = new float[FeatureBundle.Length];
            for (var k = 0; k < b.Length; k++)
            {
                b[k] = (float)Math.Abs(random.NextDouble() + 0.5);
            }

            for (var k = 0; k < 8; k++)
            {
                b[offset + k] += labels[i] ? (float)signal : 0;
            }

            bundles[i] = b;
        }

        return (bundles, labels, groups);
    }

    // The fitter training uses by default (L-BFGS logistic regression, unbalanced); its agreement with ML.NET's own is
    // pinned below.
    private static readonly IHeadFitter Fitter = new KernelLogisticFitter();

    [Fact]
    public void Grouped_folds_keep_patients_together_balance_classes_and_depend_on_the_seed_only()
    {
        var (_, labels, groups) = Generated(90, 1);
        var folds = GroupedFolds.Assign(groups, labels, 5, 7);
        for (var i = 0; i < groups.Length; i++)
        {
            Assert.All(Enumerable.Range(0, groups.Length).Where(j => groups[j] == groups[i]), j => Assert.Equal(folds[i], folds[j]));
        }

        var sizes = folds.GroupBy(f => f).Select(g => g.Select(i => i).Count()).ToArray();
        Assert.Equal(5, sizes.Length);
        var reversed = GroupedFolds.Assign(groups.Reverse().ToArray(), labels.Reverse().ToArray(), 5, 7).Reverse().ToArray();
        Assert.Equal(folds, reversed);
        Assert.NotEqual(folds, GroupedFolds.Assign(groups, labels, 5, 8));
        Assert.Throws<ArgumentException>(() => GroupedFolds.Assign(["a", "b", "c"], [true, false, false], 2, 1));
    }

    [Fact]
    public void Inner_cross_validation_prefers_the_recipe_that_holds_the_signal()
    {
        var (bundles, labels, groups) = Generated(90, 2);
        var candidates = new[] { new RecipeCandidate(FeatureRecipe.Pooled, 1), new RecipeCandidate(FeatureRecipe.Stage4LesionRing, 1) };
        var selection = InnerCrossValidation.Select(bundles, labels, groups, candidates, 5, 1, Fitter);
        Assert.Same(FeatureRecipe.Stage4LesionRing, selection.Best.Recipe);
        Assert.InRange(selection.Scores[0].Auc, 0.2, 0.75);
        Assert.True(selection.BestAuc > 0.85, $"inner AUC {selection.BestAuc}");
        Assert.Equal(labels.Length, selection.OutOfFoldScores.Length);
    }

    [Fact]
    public void The_head_search_calibrates_and_thresholds_on_held_out_scores_and_generalises()
    {
        var (bundles, labels, groups) = Generated(80, 3);
        var options = new NestedSearchOptions { Recipes = [FeatureRecipe.Pooled, FeatureRecipe.Stage4LesionRing], L2PerExample = [0.1, 1] };
        var head = NestedHeadSearch.Train(bundles, labels, groups, options, Fitter, 1);
        Assert.True(head.InnerCrossValidated);
        Assert.Same(FeatureRecipe.Stage4LesionRing, head.Candidate.Recipe);
        Assert.InRange(head.Threshold, 0, 1);

        var (testBundles, testLabels, _) = Generated(200, 4);
        var scores = head.Score(testBundles);
        Assert.True(RocAnalysis.Auc(scores, testLabels) > 0.85);

        // Calibrated: the mean predicted probability is near the malignant share (a raw head on 3,000 features is near 0 or 1).
        Assert.InRange(scores.Average(), testLabels.Average(l => l ? 1.0 : 0) - 0.15, testLabels.Average(l => l ? 1.0 : 0) + 0.15);
    }

    [Fact]
    public void Large_training_sets_are_validated_by_one_split()
    {
        // Two rows per three patients: 90 patients, above the (lowered) limit of 80.
        var (bundles, labels, groups) = Generated(135, 5);
        var options = new NestedSearchOptions { Recipes = [FeatureRecipe.Stage4LesionRing], InnerCrossValidationPatientLimit = 80 };
        var head = NestedHeadSearch.Train(bundles, labels, groups, options, Fitter, 1);
        Assert.False(head.InnerCrossValidated);
        Assert.Equal(1, head.Selection.Folds);
    }

    [Fact]
    public void Repeated_cross_validation_gives_one_pooled_AUC_per_repeat_and_their_spread()
    {
        var (bundles, labels, groups) = Generated(90, 6, signal: 0.6);
        var vectors = FeatureRecipe.Stage4LesionRing.Apply(bundles);
        var seen = new List<int[]>();
        var result = RepeatedCrossValidation.Run(labels, groups, 5, 4, 1, (train, test, _) =>
        {
            Assert.Empty(train.Select(i => groups[i]).Intersect(test.Select(i => groups[i])));
            seen.Add(test);
            var score = Fitter.Fit(train.Select(i => vectors[i]).ToArray(), train.Select(i => labels[i]).ToArray(), 1);
            return new ScoredFold(score(test.Select(i => vectors[i]).ToArray()), 0.5);
        });
        Assert.Equal(4, result.Repeats.Count);
        Assert.Equal(20, seen.Count);
        Assert.All(result.Repeats, r => Assert.Equal(labels.Length, r.FoldOf.Length));
        Assert.True(result.AucSd > 0, "different fold draws give different AUCs");
        Assert.InRange(result.AucMean, 0.6, 1);
        Assert.Equal(result.Repeats.Average(r => r.Auc), result.AucMean, 12);
    }

    [Fact]
    public void Platt_scaling_fits_held_out_scores_and_is_monotone()
    {
        var random = new Random(1);
        var labels = Enumerable.Range(0, 400).Select(_ => random.NextDouble() < 0.4).ToArray();

        // Over-confident raw scores: near 0 or 1, right 75% of the time.
        var raw = labels.Select(l => (random.NextDouble() < 0.75) == l ? 0.999 : 0.001).ToArray();
        var platt = PlattScaling.Fit(raw, labels);
        Assert.InRange(platt.Apply(0.999), 0.6, 0.9);
        Assert.InRange(platt.Apply(0.001), 0.1, 0.4);
        Assert.True(platt.Apply(0.7) > platt.Apply(0.3));
        Assert.Equal(PlattScaling.Identity, PlattScaling.Fit([0.2, 0.3], [true, true]));
    }

    [Fact]
    public void The_exact_kernel_fitter_reaches_the_optimum_the_MLNET_head_reaches()
    {
        // More features than rows, as in a head search on a small dataset; uncentred, positive features as after ReLU.
        var random = new Random(9);
        var labels = Enumerable.Range(0, 60).Select(i => i % 5 < 2).ToArray();
        var vectors = labels.Select(l => Enumerable.Range(0, 200).Select(k => (float)(3 + random.NextDouble() + (l && k < 10 ? 0.4 : 0))).ToArray()).ToArray();
        foreach (var c in new[] { 0.1, 1.0 })
        {
            var exact = new KernelLogisticFitter().Fit(vectors, labels, c)(vectors);
            var lbfgs = new MlNetHeadFitter(HeadTrainer.LbfgsLogisticRegression, balance: false, seed: 1, tolerance: 1e-7f).Fit(vectors, labels, c)(vectors);
            Assert.All(exact.Zip(lbfgs), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 0.02));
        }
    }

    [Fact]
    public void L2_per_example_is_scaled_to_each_trainer()
    {
        Assert.Equal(50, HeadPipeline.TrainerRegularization(HeadTrainer.LbfgsLogisticRegression, 0.5, 100));
        Assert.Equal(0.5, HeadPipeline.TrainerRegularization(HeadTrainer.SdcaLogisticRegression, 0.5, 100));
    }
}
