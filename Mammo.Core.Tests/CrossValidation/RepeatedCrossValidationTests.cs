using Mammo.CrossValidation;

namespace Mammo.Tests.CrossValidation;

/// <summary>
/// Repeated cross-validation with a scoring function whose answers are known: which rows each fold trains and scores
/// on, which seed each fold gets, where each out-of-fold score lands, and the pooled AUC of each repeat.
/// </summary>
public sealed class RepeatedCrossValidationTests
{
    // Ten patients, one row each but "p1" and "p6" with two rows; four malignant patients.
    private static readonly string[] Groups = ["p0", "p1", "p1", "p2", "p3", "p4", "p5", "p6", "p6", "p7", "p8", "p9"];
    private static readonly bool[] Labels = [true, true, true, false, false, true, false, false, false, true, false, false];

    [Fact]
    public void Each_row_is_scored_once_by_the_fold_that_held_it_out_with_that_folds_threshold_and_seed()
    {
        var calls = new List<(int[] Train, int[] Test, int Seed)>();
        var progress = new List<(int, int)>();
        var result = RepeatedCrossValidation.Run(Labels, Groups, 2, 2, 40, (train, test, seed) =>
        {
            calls.Add((train, test, seed));

            // The score tells which row and which call made it; the threshold and majority which call.
            return new ScoredFold([.. test.Select(i => (calls.Count * 100.0) + i)], calls.Count / 10.0, calls.Count % 2 == 0);
        }, (r, f) => progress.Add((r, f)));

        Assert.Equal([(0, 0), (0, 1), (1, 0), (1, 1)], progress);
        Assert.Equal([1040, 1041, 2040, 2041], calls.Select(c => c.Seed));
        Assert.Equal(2, result.Repeats.Count);
        for (var r = 0; r < 2; r++)
        {
            var run = result.Repeats[r];
            Assert.Equal(GroupedFolds.Assign(Groups, Labels, 2, 40 + r), run.FoldOf);
            for (var f = 0; f < 2; f++)
            {
                var (train, test, _) = calls[(2 * r) + f];
                Assert.Equal(Enumerable.Range(0, Labels.Length).Where(i => run.FoldOf[i] == f), test);
                Assert.Equal(Enumerable.Range(0, Labels.Length).Where(i => run.FoldOf[i] != f), train);
                var call = (2 * r) + f + 1;
                foreach (var i in test)
                {
                    Assert.Equal((call * 100.0) + i, run.Scores[i]);
                    Assert.Equal(call / 10.0, run.Thresholds[i]);
                    Assert.Equal(call % 2 == 0, run.MajorityMalignant[i]);
                }
            }

            Assert.Equal(Mammo.Evaluation.RocAnalysis.Auc(run.Scores, Labels), run.Auc);
        }

        Assert.NotEqual(result.Repeats[0].FoldOf, result.Repeats[1].FoldOf);
    }

    [Fact]
    public void The_auc_of_a_repeat_is_that_of_its_pooled_out_of_fold_scores()
    {
        // Scores that rank every malignant row first give 1; reversed, 0.
        var result = RepeatedCrossValidation.Run(Labels, Groups, 2, 1, 3, (_, test, _) =>
            new ScoredFold([.. test.Select(i => Labels[i] ? 1.0 : 0.0)], 0.5));
        Assert.Equal(1.0, Assert.Single(result.Repeats).Auc);
        Assert.Equal(1.0, result.AucMean);
        Assert.Equal(0, result.AucSd);

        var reversed = RepeatedCrossValidation.Run(Labels, Groups, 2, 1, 3, (_, test, _) =>
            new ScoredFold([.. test.Select(i => Labels[i] ? 0.0 : 1.0)], 0.5));
        Assert.Equal(0.0, reversed.Repeats[0].Auc);
    }

    [Fact]
    public void The_mean_and_sample_standard_deviation_of_the_repeat_aucs_are_known()
    {
        var run = new Func<double, RepeatRun>(auc => new RepeatRun([], [], [], [], auc));
        var result = new RepeatedCrossValidationResult([run(0.6), run(0.8), run(0.7)]);
        Assert.Equal(0.7, result.AucMean, 12);

        // Deviations -0.1, 0.1, 0: sum of squares 0.02 over n - 1 = 2.
        Assert.Equal(0.1, result.AucSd, 12);
        Assert.Equal(Math.Sqrt(0.02), new RepeatedCrossValidationResult([run(0.6), run(0.8)]).AucSd, 12);
        Assert.Equal(0, new RepeatedCrossValidationResult([run(0.9)]).AucSd);
        Assert.Equal(0.9, new RepeatedCrossValidationResult([run(0.9)]).AucMean);
    }

    [Fact]
    public void At_least_one_repeat_is_needed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RepeatedCrossValidation.Run(Labels, Groups, 2, 0, 1, (_, test, _) => new ScoredFold(new double[test.Length], 0.5)));
        Assert.Single(RepeatedCrossValidation.Run(Labels, Groups, 2, 1, 1, (_, test, _) => new ScoredFold(new double[test.Length], 0.5)).Repeats);
    }

    [Fact]
    public void Cancellation_stops_before_the_next_fold()
    {
        using var cancel = new CancellationTokenSource();
        var folds = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => RepeatedCrossValidation.Run(Labels, Groups, 2, 3, 1, (_, test, _) =>
        {
            folds++;
            cancel.Cancel();
            return new ScoredFold(new double[test.Length], 0.5);
        }, null, cancel.Token));
        Assert.Equal(1, folds);
    }
}
