using Mammo.Training;
using Mammo.CrossValidation;
using Mammo.Parallelism;
namespace Mammo.Heads;

/// <summary>
/// Training on feature bundles, every learned choice inside: the setting (recipe, L2) is chosen on held-out parts of
/// the training data (see <see cref="NestedSearchOptions"/> for the rule), the chosen setting is refitted on all rows with
/// the same L2 per example, and the calibration (Platt) and threshold come from the chosen setting's held-out scores.
/// Cross-validating this whole procedure is nested cross-validation.
/// </summary>
internal static class NestedHeadSearch
{
    /// <summary>Chooses the setting, calibration and threshold, then fits the chosen setting on every row.</summary>
    public static TrainedHead Train(
        IReadOnlyList<float[]> bundles,
        IReadOnlyList<bool> labels,
        IReadOnlyList<string> groups,
        NestedSearchOptions options,
        IHeadFitter fitter,
        int seed,
        CancellationToken cancellationToken = default)
    {
        var choice = Choose(bundles, labels, groups, options, fitter, seed, cancellationToken);
        var chosen = choice.Candidate;
        return choice.With(fitter.Fit(chosen.Recipe.Apply(bundles), labels, chosen.L2PerExample));
    }

    /// <summary>
    /// Everything <see cref="Train"/> decides on held-out rows, without the all-row fit: a caller can run that fit beside
    /// others (the saved ML.NET head, the validation curve).
    /// </summary>
    public static HeadChoice Choose(
        IReadOnlyList<float[]> bundles,
        IReadOnlyList<bool> labels,
        IReadOnlyList<string> groups,
        NestedSearchOptions options,
        IHeadFitter fitter,
        int seed,
        CancellationToken cancellationToken = default)
    {
        var patients = groups.Distinct(StringComparer.Ordinal).Count();
        var inner = patients < options.InnerCrossValidationPatientLimit;
        RecipeSelection selection;
        IReadOnlyList<bool> heldOutLabels = labels;
        double[] heldOutScores;
        if (inner)
        {
            selection = InnerCrossValidation.Select(bundles, labels, groups, options.Candidates, options.InnerFolds, seed, fitter, cancellationToken);
            heldOutScores = selection.OutOfFoldScores;
        }
        else
        {
            // One patient-grouped split: the folds of 1 / fraction, the first fold held out.
            var folds = Math.Max(2, (int)Math.Round(1 / options.ValidationFraction));
            var foldOf = GroupedFolds.Assign(groups, labels, folds, seed);
            var train = Enumerable.Range(0, labels.Count).Where(i => foldOf[i] != 0).ToArray();
            var validation = Enumerable.Range(0, labels.Count).Where(i => foldOf[i] == 0).ToArray();
            var candidates = options.Candidates;
            var results = new (double Auc, double[] Scores)[candidates.Count];

            // Each recipe is applied once, not once per L2 strength (candidates share their recipe's instance, which is
            // what Distinct compares).
            var vectorsOf = candidates.Select(c => c.Recipe).Distinct().ToDictionary(r => r, r => r.Apply(bundles));
            ParallelWork.For(candidates.Count, cancellationToken, c =>
            {
                var vectors = vectorsOf[candidates[c].Recipe];
                var scorer = fitter.Fit(train.Select(i => vectors[i]).ToArray(), train.Select(i => labels[i]).ToArray(), candidates[c].L2PerExample);
                var scores = scorer(validation.Select(i => vectors[i]).ToArray());
                results[c] = (Evaluation.RocAnalysis.Auc(scores, validation.Select(i => labels[i]).ToArray()), scores);
            });
            var best = 0;
            for (var c = 1; c < candidates.Count; c++)
            {
                best = results[c].Auc > results[best].Auc + 1e-12 ? c : best;
            }

            heldOutLabels = validation.Select(i => labels[i]).ToArray();
            heldOutScores = results[best].Scores;
            selection = new RecipeSelection(candidates[best], results[best].Auc, candidates.Select((c, i) => (c, results[i].Auc)).ToList(), heldOutScores, 1);
        }

        var calibration = PlattScaling.Fit(heldOutScores, heldOutLabels);
        var calibrated = heldOutScores.Select(calibration.Apply).ToArray();
        var threshold = ThresholdSelector.Choose(calibrated, heldOutLabels, options.ThresholdPolicy, options.TargetSensitivity);
        return new HeadChoice(selection, calibration, threshold, inner);
    }
}
