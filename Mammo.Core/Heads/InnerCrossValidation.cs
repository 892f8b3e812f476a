using Mammo.CrossValidation;
using Mammo.Evaluation;
using Mammo.Features;
using Mammo.Parallelism;

namespace Mammo.Heads;

/// <summary>
/// Chooses the head's setting (feature recipe and L2) by patient-grouped cross-validation of the training data alone:
/// every candidate is fitted on each fold's other rows and scores the fold; the candidate with the best pooled
/// out-of-fold AUC wins, the earlier in the list on a tie. Its out-of-fold scores are returned too: they are scores of
/// the very setting that will be saved, made on rows its fits did not see, so the threshold and the calibration are
/// chosen on them.
/// </summary>
internal static class InnerCrossValidation
{
    public static RecipeSelection Select(
        IReadOnlyList<float[]> bundles,
        IReadOnlyList<bool> labels,
        IReadOnlyList<string> groups,
        IReadOnlyList<RecipeCandidate> candidates,
        int folds,
        int seed,
        IHeadFitter fitter,
        CancellationToken cancellationToken = default)
    {
        if (candidates.Count == 0)
        {
            throw new ArgumentException("At least one candidate is needed.", nameof(candidates));
        }

        folds = Math.Min(folds, GroupedFolds.MaximumFolds(groups, labels));
        var foldOf = GroupedFolds.Assign(groups, labels, folds, seed);
        var scores = new double[candidates.Count][];
        var vectorsOf = candidates.Select(c => c.Recipe).Distinct().ToDictionary(r => r, r => r.Apply(bundles));

        // Every (candidate, fold) fit is independent: run them on all cores (each fitter call has its own seeded context).
        var work = (from c in Enumerable.Range(0, candidates.Count) from f in Enumerable.Range(0, folds) select (c, f)).ToArray();
        for (var c = 0; c < candidates.Count; c++)
        {
            scores[c] = new double[labels.Count];
        }

        ParallelWork.For(work.Length, cancellationToken, w =>
        {
            var (c, f) = work[w];
            var vectors = vectorsOf[candidates[c].Recipe];
            var train = Enumerable.Range(0, labels.Count).Where(i => foldOf[i] != f).ToArray();
            var test = Enumerable.Range(0, labels.Count).Where(i => foldOf[i] == f).ToArray();
            var score = fitter.Fit(train.Select(i => vectors[i]).ToArray(), train.Select(i => labels[i]).ToArray(), candidates[c].L2PerExample);
            var predicted = score(test.Select(i => vectors[i]).ToArray());
            for (var k = 0; k < test.Length; k++)
            {
                scores[c][test[k]] = predicted[k];
            }
        });

        var aucs = scores.Select(s => RocAnalysis.Auc(s, labels)).ToArray();
        var best = 0;
        for (var c = 1; c < candidates.Count; c++)
        {
            if (aucs[c] > aucs[best] + 1e-12)
            {
                best = c;
            }
        }

        return new RecipeSelection(candidates[best], aucs[best], candidates.Select((c, i) => (c, aucs[i])).ToList(), scores[best], folds);
    }
}
