using Mammo.CrossValidation;
using Mammo.Evaluation;
using Mammo.Featurization;
using Mammo.Heads;
using Mammo.Tests.Support;
using Mammo.Training;

namespace Mammo.Tests.CrossValidation;

#if !MUTATION_RUN
// Main suite only, for the reason given in CrossValidatorRepeatTests: it reads ROI files.
/// <summary>
/// Nested cross-validation of nine patients' 40 x 40 ROIs (one each, four malignant) in three folds, two repeats, against
/// the first repeat's steps taken by hand: the reported threshold is the mean of the folds' thresholds, the majority
/// baseline follows each fold's training majority (a tie is benign), and the progress counts folds over both repeats.
/// </summary>
public sealed class CrossValidatorNestedRepeatTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void The_threshold_majority_baseline_and_progress_follow_the_folds()
    {
        var dataset = TinyMassDataset.Write(directory, [true, true, true, true, false, false, false, false, false], midway: [2, 6]);
        var reports = new ProgressLog();
        var options = new MassClassifierOptions { Seed = 2, FeatureCacheDirectory = null, RegularizationGrid = [0.1, 1], ValidationFraction = 0.5 };
        var evaluation = CrossValidator.Run(dataset, 3, 2, options with { Progress = reports }, new EvaluationOptions { BootstrapResamples = 0 }, new BlockMeanBackbone(), default);

        Assert.Equal(
            Enumerable.Range(0, 6).Select(k => new MassProgress($"repeat {(k / 3) + 1}/2, fold {(k % 3) + 1}/3", k + 1, 6)),
            reports.Seen.Where(r => r.Stage.StartsWith("repeat ", StringComparison.Ordinal)).OrderBy(r => r.Done));

        // The first repeat by hand, with the same fold seeds.
        var set = FeatureSource.Create(new BlockMeanBackbone(), dataset.RoiOptions, null).Featurize(dataset.Cases, c => c.RoiPath, [0], false, null, default);
        var data = HeadData.From(set, [0]);
        var thresholds = new List<double>();
        var byHand = RepeatedCrossValidation.Run(data.Labels, data.PatientIds, 3, 1, 2, (train, test, seed) =>
        {
            var part = new HeadData([.. train.Select(i => data.Vectors[i])], [.. train.Select(i => data.Labels[i])], [.. train.Select(i => data.PatientIds[i])], 1);
            var (scorer, head) = ClassifierTrainer.FitNested(part, options with { Seed = seed }, new BlockMeanBackbone(), default);
            thresholds.Add(head.Threshold);
            return new ScoredFold(scorer.Score([.. test.Select(i => data.Vectors[i])]), head.Threshold);
        });
        Assert.True(thresholds.Distinct().Count() > 1, string.Join(", ", thresholds));
        Assert.Equal(thresholds.Distinct().Average(), evaluation.Threshold, 12);

        // Each row's baseline is its fold's training majority; at least one fold's training part is tied, and calls benign.
        var foldOf = byHand.Repeats[0].FoldOf;
        var malignantMajority = Enumerable.Range(0, 3).Select(f =>
        {
            var train = Enumerable.Range(0, data.Labels.Length).Where(i => foldOf[i] != f).ToList();
            return (Tie: 2 * train.Count(i => data.Labels[i]) == train.Count, Malignant: 2 * train.Count(i => data.Labels[i]) > train.Count);
        }).ToArray();
        Assert.Contains(malignantMajority, m => m.Tie);
        var expected = Enumerable.Range(0, data.Labels.Length).Count(i => data.Labels[i] == malignantMajority[foldOf[i]].Malignant) / (double)data.Labels.Length;
        Assert.Equal(expected, evaluation.Rows.MajorityBaselineAccuracy, 12);
    }
}
#endif
