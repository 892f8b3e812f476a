using Mammo.CrossValidation;
using Mammo.Evaluation;
using Mammo.Features;
using Mammo.Heads;
using Mammo.Training;

namespace Mammo.Tests.Heads;

/// <summary>
/// Recipe selection, the nested head search and Platt scaling with a fitter whose answers are known: candidate
/// <c>k</c> (its L2 value) scores every row by feature <c>k</c>, so which candidate wins, which rows were held out and
/// what the calibration saw can all be worked out here.
/// </summary>
public sealed class HeadSelectionTests
{
    /// <summary>Scores a row by the feature the L2 value names; records the rows and L2 of every fit.</summary>
    private sealed class FeatureFitter : IHeadFitter
    {
        private readonly object gate = new();

        public List<(int Rows, double L2, bool[] Labels)> Fits { get; } = [];

        public Func<IReadOnlyList<float[]>, double[]> Fit(IReadOnlyList<float[]> vectors, IReadOnlyList<bool> labels, double l2PerExample)
        {
            lock (gate)
            {
                Fits.Add((vectors.Count, l2PerExample, [.. labels]));
            }

            var feature = (int)l2PerExample;
            return rows => [.. rows.Select(r => (double)r[feature])];
        }
    }

    /// <summary>
    /// Rows with four features: 0 ranks every malignant row first, 1 ranks them last, 2 is 0's copy, 3 is a mix.
    /// One patient in three has two rows.
    /// </summary>
    private static (float[][] Rows, bool[] Labels, string[] Groups) Data(int rows)
    {
        var data = new float[rows][];
        var labels = new bool[rows];
        var groups = new string[rows];
        for (var i = 0; i < rows; i++)
        {
            var patient = i % 3 == 2 ? i - 1 : i;
            groups[i] = $"P{patient:D4}";
            labels[i] = patient % 5 < 2;
            var separating = (labels[i] ? 0.6f : 0.1f) + (0.3f * (i % 7) / 7f);
            data[i] = [separating, 1 - separating, separating, (i % 4) / 4f + 0.1f];
        }

        return (data, labels, groups);
    }

    private static RecipeCandidate Candidate(double feature) => new(FeatureRecipe.Raw, feature);

    [Fact]
    public void Inner_cross_validation_picks_the_separating_candidate_and_returns_its_out_of_fold_scores()
    {
        var (rows, labels, groups) = Data(60);
        var fitter = new FeatureFitter();
        var selection = InnerCrossValidation.Select(rows, labels, groups, [Candidate(1), Candidate(0), Candidate(3)], 4, 7, fitter);
        Assert.Equal(0, selection.Best.L2PerExample);
        Assert.Equal(1.0, selection.BestAuc);
        Assert.Equal([1, 0, 3], selection.Scores.Select(s => s.Candidate.L2PerExample));
        Assert.Equal(0.0, selection.Scores[0].Auc);
        Assert.Equal(1.0, selection.Scores[1].Auc);
        Assert.Equal(RocAnalysis.Auc([.. rows.Select(r => (double)r[3])], labels), selection.Scores[2].Auc);
        Assert.Equal(rows.Select(r => (double)r[0]), selection.OutOfFoldScores);
        Assert.Equal(4, selection.Folds);

        // Every (candidate, fold) is one fit on the rows outside that fold.
        Assert.Equal(12, fitter.Fits.Count);
        var foldOf = GroupedFolds.Assign(groups, labels, 4, 7);
        var trainSizes = Enumerable.Range(0, 4).Select(f => foldOf.Count(x => x != f)).Order().ToArray();
        foreach (var l2 in new[] { 0.0, 1, 3 })
        {
            Assert.Equal(trainSizes, fitter.Fits.Where(x => x.L2 == l2).Select(x => x.Rows).Order());
        }
    }

    [Fact]
    public void A_tie_keeps_the_earlier_candidate_and_a_strictly_better_later_one_wins()
    {
        var (rows, labels, groups) = Data(45);
        Assert.Equal(0, InnerCrossValidation.Select(rows, labels, groups, [Candidate(0), Candidate(2)], 3, 1, new FeatureFitter()).Best.L2PerExample);
        Assert.Equal(2, InnerCrossValidation.Select(rows, labels, groups, [Candidate(2), Candidate(0)], 3, 1, new FeatureFitter()).Best.L2PerExample);
        Assert.Equal(0, InnerCrossValidation.Select(rows, labels, groups, [Candidate(3), Candidate(0)], 3, 1, new FeatureFitter()).Best.L2PerExample);
    }

    [Fact]
    public void Inner_folds_are_capped_by_the_smaller_class_in_patients()
    {
        // Three malignant patients only: five folds are asked for, three are used.
        string[] groups = ["a", "b", "c", "d", "e", "f", "g", "h"];
        bool[] labels = [true, true, true, false, false, false, false, false];
        float[][] rows = [.. labels.Select((l, i) => new[] { l ? 0.9f : 0.2f, 0.5f, 0.5f, 0.5f })];
        var fitter = new FeatureFitter();
        var selection = InnerCrossValidation.Select(rows, labels, groups, [Candidate(0)], 5, 1, fitter);
        Assert.Equal(3, selection.Folds);
        Assert.Equal(3, fitter.Fits.Count);
        Assert.Throws<ArgumentException>(() => InnerCrossValidation.Select(rows, labels, groups, [], 5, 1, fitter));
    }

    [Fact]
    public void Below_the_patient_limit_the_head_is_cross_validated_calibrated_on_out_of_fold_scores_and_refitted_on_all_rows()
    {
        var (rows, labels, groups) = Data(60);
        var fitter = new FeatureFitter();
        var options = new NestedSearchOptions { Recipes = [FeatureRecipe.Raw], L2PerExample = [1, 3, 0], InnerFolds = 3 };
        var head = NestedHeadSearch.Train(rows, labels, groups, options, fitter, 5);
        Assert.True(head.InnerCrossValidated);
        Assert.Equal(0, head.Candidate.L2PerExample);
        Assert.Equal(3, head.Selection.Folds);

        // 3 candidates x 3 folds, then the chosen one on every row.
        Assert.Equal(10, fitter.Fits.Count);
        var last = fitter.Fits[^1];
        Assert.Equal((60, 0.0), (last.Rows, last.L2));
        Assert.Equal(labels, last.Labels);

        var heldOut = rows.Select(r => (double)r[0]).ToArray();
        var calibration = PlattScaling.Fit(heldOut, labels);
        Assert.Equal(calibration, head.Calibration);
        Assert.NotEqual(PlattScaling.Identity, calibration);
        Assert.Equal(ThresholdSelector.Choose([.. heldOut.Select(calibration.Apply)], labels, ThresholdPolicy.YoudenJ, 0.9), head.Threshold);
        Assert.Equal(heldOut.Select(calibration.Apply), head.Score(rows));
    }

    [Theory]
    [InlineData(0.2, 5)]
    [InlineData(0.3, 3)]
    [InlineData(0.7, 2)]
    public void At_the_patient_limit_one_patient_grouped_split_of_one_over_the_fraction_folds_validates(double fraction, int folds)
    {
        // Exactly the limit in patients (two rows for one patient in three): no inner cross-validation.
        var rows = (NestedSearchOptions.DefaultInnerCrossValidationPatientLimit * 3) / 2;
        var (data, labels, groups) = Data(rows);
        Assert.Equal(NestedSearchOptions.DefaultInnerCrossValidationPatientLimit, groups.Distinct().Count());
        var fitter = new FeatureFitter();
        var options = new NestedSearchOptions
        {
            Recipes = [FeatureRecipe.Raw], L2PerExample = [3, 0], ValidationFraction = fraction, ThresholdPolicy = ThresholdPolicy.TargetSensitivity, TargetSensitivity = 0.5,
        };
        var head = NestedHeadSearch.Train(data, labels, groups, options, fitter, 9);
        Assert.False(head.InnerCrossValidated);
        Assert.Equal(1, head.Selection.Folds);
        Assert.Equal(0, head.Candidate.L2PerExample);
        Assert.Equal(1.0, head.Selection.BestAuc);

        var foldOf = GroupedFolds.Assign(groups, labels, folds, 9);
        var validation = Enumerable.Range(0, rows).Where(i => foldOf[i] == 0).ToArray();
        var heldOut = validation.Select(i => (double)data[i][0]).ToArray();
        var heldOutLabels = validation.Select(i => labels[i]).ToArray();
        Assert.Equal(heldOut, head.Selection.OutOfFoldScores);
        Assert.Equal([rows - validation.Length, rows - validation.Length, rows], fitter.Fits.Select(f => f.Rows).Order());
        Assert.Equal(
            RocAnalysis.Auc([.. validation.Select(i => (double)data[i][3])], heldOutLabels),
            head.Selection.Scores.Single(s => s.Candidate.L2PerExample == 3).Auc);

        var calibration = PlattScaling.Fit(heldOut, heldOutLabels);
        Assert.Equal(calibration, head.Calibration);
        Assert.Equal(ThresholdSelector.Choose([.. heldOut.Select(calibration.Apply)], heldOutLabels, ThresholdPolicy.TargetSensitivity, 0.5), head.Threshold);
    }

    [Fact]
    public void One_patient_below_the_limit_is_still_cross_validated()
    {
        var rows = ((NestedSearchOptions.DefaultInnerCrossValidationPatientLimit - 1) * 3) / 2;
        var (data, labels, groups) = Data(rows);
        Assert.Equal(NestedSearchOptions.DefaultInnerCrossValidationPatientLimit - 1, groups.Distinct().Count());
        Assert.True(NestedHeadSearch.Train(data, labels, groups, new NestedSearchOptions { Recipes = [FeatureRecipe.Raw], L2PerExample = [0] }, new FeatureFitter(), 1).InnerCrossValidated);
    }

    [Fact]
    public void Candidates_are_every_recipe_with_every_l2_strongest_first()
    {
        var options = new NestedSearchOptions { Recipes = [FeatureRecipe.Raw, FeatureRecipe.Pooled], L2PerExample = [0.1, 10, 1] };
        Assert.Equal(
            [("raw", 10.0), ("raw", 1.0), ("raw", 0.1), ("pooled", 10.0), ("pooled", 1.0), ("pooled", 0.1)],
            options.Candidates.Select(c => (c.Recipe.Name, c.L2PerExample)));
        Assert.Equal("raw, L2 0.1/example", Candidate(0.1).ToString());
    }

    /// <summary>Platt's targets and the gradient of the log-loss, written out here.</summary>
    private static (double Ga, double Gb) Gradient(double[] p, bool[] labels, PlattScaling s)
    {
        var positives = labels.Count(l => l);
        var negatives = labels.Length - positives;
        double ga = 0, gb = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var clamped = Math.Clamp(p[i], 1e-7, 1 - 1e-7);
            var x = Math.Log(clamped / (1 - clamped));
            var target = labels[i] ? (positives + 1.0) / (positives + 2.0) : 1.0 / (negatives + 2.0);
            var r = (1 / (1 + Math.Exp(-((s.A * x) + s.B)))) - target;
            ga += r * x;
            gb += r;
        }

        return (ga, gb);
    }

    [Fact]
    public void Platt_scaling_reaches_the_minimum_of_the_log_loss_with_platts_targets()
    {
        var random = new Random(4);
        var labels = Enumerable.Range(0, 200).Select(i => i % 3 == 0).ToArray();

        // Under-confident scores (close to 0.5), so the fit must stretch them: A > 1.
        var p = labels.Select(l => 0.5 + ((l ? 0.08 : -0.05) + (0.1 * (random.NextDouble() - 0.5)))).ToArray();
        var fit = PlattScaling.Fit(p, labels);
        var (ga, gb) = Gradient(p, labels, fit);
        Assert.InRange(Math.Abs(ga), 0, 1e-6);
        Assert.InRange(Math.Abs(gb), 0, 1e-6);
        Assert.True(fit.A > 1, $"A = {fit.A}");

        // Applying it is the sigmoid of A logit(p) + B.
        Assert.Equal(1 / (1 + Math.Exp(-((fit.A * Math.Log(0.6 / 0.4)) + fit.B))), fit.Apply(0.6), 12);
    }

    [Fact]
    public void Saturated_scores_are_fitted_from_the_base_rate_without_overshooting()
    {
        var labels = Enumerable.Range(0, 100).Select(i => i % 2 == 0).ToArray();

        // Right 80% of the time, and always (over-)confident.
        var p = labels.Select((l, i) => (i % 5 == 0) != l ? 0.9999 : 0.0001).ToArray();
        var fit = PlattScaling.Fit(p, labels);
        var (ga, gb) = Gradient(p, labels, fit);
        Assert.InRange(Math.Abs(ga), 0, 1e-6);
        Assert.InRange(Math.Abs(gb), 0, 1e-6);
        Assert.InRange(fit.Apply(0.9999), 0.7, 0.85);
        Assert.InRange(fit.Apply(0.0001), 0.15, 0.3);
    }

    [Fact]
    public void Platt_scaling_keeps_the_identity_for_one_class_or_reversed_scores()
    {
        Assert.Equal(PlattScaling.Identity, PlattScaling.Fit([0.2, 0.7], [false, false]));
        Assert.Equal(PlattScaling.Identity, PlattScaling.Fit([0.2, 0.7], [true, true]));
        Assert.Equal(PlattScaling.Identity, PlattScaling.Fit([0.9, 0.8, 0.3, 0.1], [false, false, true, true]));
        Assert.Equal(new PlattScaling(1, 0), PlattScaling.Identity);
        Assert.Equal(0.3, PlattScaling.Identity.Apply(0.3), 12);

        // Scores of exactly 0 and 1 are clamped, not infinite.
        Assert.Equal(1e-7, PlattScaling.Identity.Apply(0), 12);
        Assert.Equal(1 - 1e-7, PlattScaling.Identity.Apply(1), 12);
    }

    [Fact]
    public void Head_data_repeats_each_label_per_vector_and_concatenates_parts_of_the_same_shape()
    {
        var a = new HeadData([[1], [2], [3], [4]], [true, false], ["p", "q"], 2);
        Assert.Equal(2, a.Cases);
        Assert.Equal([true, true, false, false], a.VectorLabels);
        var b = new HeadData([[5], [6]], [true], ["r"], 2);
        var both = a.Concat(b);
        Assert.Equal([true, false, true], both.Labels);
        Assert.Equal(["p", "q", "r"], both.PatientIds);
        Assert.Equal([1f, 2, 3, 4, 5, 6], both.Vectors.Select(v => v[0]));
        Assert.Equal(2, both.VectorsPerCase);
        var one = new HeadData([[1]], [false], ["s"], 1);
        Assert.Same(one.Labels, one.VectorLabels);
        Assert.Equal("other", Assert.Throws<ArgumentException>(() => a.Concat(one)).ParamName);
    }
}
