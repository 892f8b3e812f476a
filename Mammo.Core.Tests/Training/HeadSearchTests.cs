using Mammo.Evaluation;
using Mammo.Heads;
using Mammo.Tests.Support;
using Mammo.Training;

namespace Mammo.Tests.Training;

public sealed class HeadSearchTests
{
    private static readonly HeadCandidate[] Grid = [.. new[] { 0.1, 1, 10, 100, 1000, 10000 }.Select(r => new HeadCandidate(r))];

    private static HeadSearchSettings Settings(bool refit = false, ThresholdPolicy policy = ThresholdPolicy.YoudenJ, double target = 0.9) =>
        new(HeadTrainer.LbfgsLogisticRegression, false, policy, target, refit, Seed: 5);

    [Fact]
    public void The_best_validation_auc_wins_and_the_curve_holds_every_candidate()
    {
        var training = GeneratedVectors.Make(120, seed: 1, separation: 0.6, dimensions: 40);
        var validation = GeneratedVectors.Make(80, seed: 2, separation: 0.6, dimensions: 40);
        var result = HeadSearch.Run(training, validation, null, Grid, Settings());
        Assert.Equal(Grid.Select(c => c.Regularization).Order(), result.Curve.Select(p => p.Regularization));
        var best = result.Curve.Max(p => p.ValidationAuc);
        Assert.Equal(best, result.ValidationAuc);

        // Of the settings within a tie of the best, the strongest regularisation is kept.
        Assert.Equal(result.Curve.Where(p => p.ValidationAuc >= best - HeadSearch.Tie).Max(p => p.Regularization), result.Chosen.Regularization);
        Assert.Equal(result.ValidationAuc, RocAnalysis.Auc(result.Scorer.ScoreCases(validation), validation.Labels), 12);
    }

    [Fact]
    public void A_tie_keeps_the_strongest_regularisation()
    {
        // Far-apart classes: every setting separates validation perfectly.
        var training = GeneratedVectors.Make(60, seed: 3, separation: 12);
        var validation = GeneratedVectors.Make(40, seed: 4, separation: 12);
        var result = HeadSearch.Run(training, validation, null, Grid, Settings());
        Assert.All(result.Curve, p => Assert.Equal(1.0, p.ValidationAuc));
        Assert.Equal(10000, result.Chosen.Regularization);
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.6)]
    public void The_target_sensitivity_policy_reaches_its_target_on_validation_with_the_highest_such_threshold(double target)
    {
        var training = GeneratedVectors.Make(150, seed: 5, separation: 1);
        var validation = GeneratedVectors.Make(100, seed: 6, separation: 1);
        var result = HeadSearch.Run(training, validation, null, Grid, Settings(policy: ThresholdPolicy.TargetSensitivity, target: target));
        var scores = result.Scorer.ScoreCases(validation);
        Assert.True(Sensitivity(scores, validation.Labels, result.Threshold) >= target);
        var higher = scores.Where(s => s > result.Threshold).DefaultIfEmpty(double.PositiveInfinity).Min();
        Assert.True(Sensitivity(scores, validation.Labels, higher) < target);
    }

    [Fact]
    public void Youdens_j_threshold_maximises_sensitivity_plus_specificity_on_validation()
    {
        var training = GeneratedVectors.Make(150, seed: 7, separation: 1);
        var validation = GeneratedVectors.Make(100, seed: 8, separation: 1);
        var result = HeadSearch.Run(training, validation, null, Grid, Settings());
        var scores = result.Scorer.ScoreCases(validation);
        var chosen = J(scores, validation.Labels, result.Threshold);
        Assert.All(scores, s => Assert.True(J(scores, validation.Labels, s) <= chosen + 1e-12));
    }

    [Fact]
    public void Refit_trains_the_chosen_setting_on_training_plus_validation()
    {
        var training = GeneratedVectors.Make(100, seed: 9, separation: 1);
        var validation = GeneratedVectors.Make(60, seed: 10, separation: 1);
        var probe = GeneratedVectors.Make(30, seed: 11, separation: 1);
        var plain = HeadSearch.Run(training, validation, null, Grid, Settings());
        var refitted = HeadSearch.Run(training, validation, validation, Grid, Settings(refit: true));
        Assert.Equal(plain.Chosen, refitted.Chosen);
        Assert.Equal(plain.Threshold, refitted.Threshold);
        Assert.NotEqual(plain.Scorer.ScoreCases(probe), refitted.Scorer.ScoreCases(probe));
        var all = training.Concat(validation);
        var direct = HeadPipeline.Fit(new Microsoft.ML.MLContext(5), HeadTrainer.LbfgsLogisticRegression, refitted.Chosen.Regularization, all.Vectors, all.VectorLabels, false);
        Assert.Equal(new HeadScorer(new Microsoft.ML.MLContext(5), direct, 12).ScoreCases(probe), refitted.Scorer.ScoreCases(probe));
        Assert.Throws<ArgumentNullException>(() => HeadSearch.Run(training, validation, null, Grid, Settings(refit: true)));
    }

    [Fact]
    public void One_seed_gives_one_head_and_validation_scores_average_a_cases_transforms()
    {
        var training = GeneratedVectors.Make(80, seed: 12, separation: 1, vectorsPerCase: 2);
        var validation = GeneratedVectors.Make(40, seed: 13, separation: 1, vectorsPerCase: 2);
        var first = HeadSearch.Run(training, validation, null, Grid, Settings());
        var second = HeadSearch.Run(training, validation, null, Grid, Settings());
        Assert.Equal(first.Curve, second.Curve);
        var perVector = first.Scorer.Score(validation.Vectors);
        var perCase = first.Scorer.ScoreCases(validation);
        Assert.Equal(validation.Cases, perCase.Length);
        Assert.Equal((perVector[6] + perVector[7]) / 2, perCase[3], 12);
    }

    private static double Sensitivity(double[] scores, bool[] labels, double threshold) =>
        (double)scores.Where((s, i) => labels[i] && s >= threshold).Count() / labels.Count(l => l);

    private static double J(double[] scores, bool[] labels, double threshold) =>
        Sensitivity(scores, labels, threshold) + ((double)scores.Where((s, i) => !labels[i] && s < threshold).Count() / labels.Count(l => !l)) - 1;
}
