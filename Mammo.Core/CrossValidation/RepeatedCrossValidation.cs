using Mammo.Evaluation;

namespace Mammo.CrossValidation;

/// <summary>
/// Repeated patient-grouped, label-stratified k-fold cross-validation of a whole training procedure on rows already
/// featurised: repeat r assigns folds with seed + r, the procedure is trained on each fold's other rows and scores the
/// fold, and each repeat's out-of-fold scores are pooled into one AUC. The spread of those AUCs over repeats is what a
/// different fold draw alone does to the figure.
/// </summary>
internal static class RepeatedCrossValidation
{
    /// <param name="labels">One label per row.</param>
    /// <param name="groups">One patient per row.</param>
    /// <param name="folds">Folds per repeat.</param>
    /// <param name="repeats">Repeats.</param>
    /// <param name="seed">The first repeat's fold seed.</param>
    /// <param name="trainAndScore">Trains on the first rows (and the given seed) and returns the scores of the second rows.</param>
    /// <param name="onFold">Called after each fold (repeat, fold), for progress.</param>
    /// <param name="cancellationToken">Stops between folds.</param>
    public static RepeatedCrossValidationResult Run(
        IReadOnlyList<bool> labels,
        IReadOnlyList<string> groups,
        int folds,
        int repeats,
        int seed,
        Func<int[], int[], int, ScoredFold> trainAndScore,
        Action<int, int>? onFold = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var runs = new List<RepeatRun>();
        foreach (var r in Enumerable.Range(0, repeats))
        {
            var foldOf = GroupedFolds.Assign(groups, labels, folds, seed + r);
            var scores = new double[labels.Count];
            var thresholds = new double[labels.Count];
            var majority = new bool[labels.Count];
            foreach (var f in Enumerable.Range(0, folds))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var train = Enumerable.Range(0, labels.Count).Where(i => foldOf[i] != f).ToArray();
                var test = Enumerable.Range(0, labels.Count).Where(i => foldOf[i] == f).ToArray();
                var scored = trainAndScore(train, test, seed + (1000 * (r + 1)) + f);
                for (var k = 0; k < test.Length; k++)
                {
                    scores[test[k]] = scored.Scores[k];
                    thresholds[test[k]] = scored.Threshold;
                    majority[test[k]] = scored.MajorityMalignant;
                }

                onFold?.Invoke(r, f);
            }

            runs.Add(new RepeatRun(foldOf, scores, thresholds, majority, RocAnalysis.Auc(scores, labels)));
        }

        return new RepeatedCrossValidationResult(runs);
    }
}
