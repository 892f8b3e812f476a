using Mammo.Evaluation;
using Mammo.Parallelism;
using Microsoft.ML;

using Mammo.Training;

namespace Mammo.Heads;

/// <summary>
/// Chooses the head on vectors alone: fits each candidate on the training part, keeps the one with the best validation
/// AUC (the stronger regularisation on a tie: the simpler model), chooses the threshold on that candidate's validation
/// scores, and refits on training plus validation when asked. Never touches a file.
/// </summary>
internal static class HeadSearch
{
    /// <summary>Within this, two validation AUCs count as a tie.</summary>
    public const double Tie = 1e-12;

    /// <param name="training">The training part, under the training transforms.</param>
    /// <param name="validation">The validation part, under the test-time transforms (a case's score is its vectors' mean).</param>
    /// <param name="validationForRefit">The validation part under the training transforms, added to the refit; needed when <see cref="HeadSearchSettings.Refit"/>.</param>
    /// <param name="candidates">The settings to try.</param>
    /// <param name="settings">Trainer, class balance, threshold policy, refit, seed.</param>
    /// <param name="progress">Receives one report per fitted candidate.</param>
    /// <param name="cancellationToken">Stops between candidates.</param>
    public static HeadSearchResult Run(
        HeadData training,
        HeadData validation,
        HeadData? validationForRefit,
        IReadOnlyList<HeadCandidate> candidates,
        HeadSearchSettings settings,
        IProgress<MassProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (candidates.Count == 0)
        {
            throw new ArgumentException("At least one candidate is needed.", nameof(candidates));
        }

        if (settings.Refit && validationForRefit is null)
        {
            throw new ArgumentNullException(nameof(validationForRefit), "A refit needs the validation part under the training transforms.");
        }

        var featureLength = training.Vectors[0].Length;
        var trainingLabels = training.VectorLabels;

        // Each candidate is fitted single-threaded in its own context, so the candidates can run side by side on all
        // cores and one seed still gives one model. Strongest regularisation first, so a tie keeps the simpler model.
        var ordered = candidates.OrderByDescending(c => c.Regularization).ToArray();
        var fits = new (ITransformer Model, ValidationPoint Point, double[] ValidationScores)[ordered.Length];
        var fitted = 0;
        ParallelWork.For(ordered.Length, cancellationToken, i =>
        {
            var context = new MLContext(settings.Seed);
            var model = HeadPipeline.Fit(context, settings.Trainer, ordered[i].Regularization, training.Vectors, trainingLabels, settings.BalanceClasses);
            var scorer = new HeadScorer(context, model, featureLength);
            var trainAuc = RocAnalysis.Auc(scorer.Score(training.Vectors), trainingLabels);
            var validationScores = scorer.ScoreCases(validation);
            fits[i] = (model, new ValidationPoint(ordered[i].Regularization, trainAuc, RocAnalysis.Auc(validationScores, validation.Labels)), validationScores);
            progress?.Report(new MassProgress("train", Interlocked.Increment(ref fitted), ordered.Length));
        });

        var best = 0;
        for (var i = 1; i < fits.Length; i++)
        {
            if (fits[i].Point.ValidationAuc > fits[best].Point.ValidationAuc + Tie)
            {
                best = i;
            }
        }

        var chosen = ordered[best];
        var threshold = ThresholdSelector.Choose(fits[best].ValidationScores, validation.Labels, settings.ThresholdPolicy, settings.TargetSensitivity);
        var ml = new MLContext(settings.Seed);
        var head = fits[best].Model;
        if (settings.Refit)
        {
            var all = training.Concat(validationForRefit!);
            head = HeadPipeline.Fit(ml, settings.Trainer, chosen.Regularization, all.Vectors, all.VectorLabels, settings.BalanceClasses);
        }

        return new HeadSearchResult(
            new HeadScorer(ml, head, featureLength), chosen, fits[best].Point.ValidationAuc, [.. fits.Select(f => f.Point).OrderBy(p => p.Regularization)], threshold);
    }
}
