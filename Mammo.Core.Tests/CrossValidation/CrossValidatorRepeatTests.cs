using Mammo.CrossValidation;
using Mammo.Data;
using Mammo.Evaluation;
using Mammo.Featurization;
using Mammo.Tests.Support;
using Mammo.Training;

namespace Mammo.Tests.CrossValidation;

#if !MUTATION_RUN
// Main suite only: these runs read ROI files and train twice, so in a mutation build they reach (and slow) the mutants of
// the whole featurisation path (run 18, with these and the other new tests, took 27% longer than run 17 for its first 1,441
// mutants; these two are the new tests that read files). A mutation run therefore reports the
// CrossValidator mutants they kill (per-repeat seeds, skipped rows, per-fold majority, progress, averaged threshold) as
// survivors.
/// <summary>
/// The augmented (single-split) path's second repeat against the same steps taken by hand: its folds drawn with the
/// seed + 1 over every row, and the fold loop run with the seed + 1; an unreadable ROI reported as skipped. Eleven
/// readable 40 x 40 ROIs under test-time augmentation, one run of two repeats: cheap enough for the mutation run.
/// </summary>
public sealed class CrossValidatorRepeatTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Repeat_r_draws_its_folds_and_runs_its_folds_with_the_seed_plus_r()
    {
        // Patients 1-6 malignant, 7-12 benign, patient 12's ROI unreadable; three masses midway between the classes' contrasts,
        // so that draws of folds (and of validation splits) rank the rows differently.
        var dataset = TinyMassDataset.Write(directory, [true, true, true, true, true, true, false, false, false, false, false, false], unreadable: [12], midway: [1, 7, 8]);
        var options = new MassClassifierOptions
        {
            Seed = 2, FeatureCacheDirectory = null, RegularizationGrid = [1], ValidationFraction = 0.5, SkipBadRois = true, TestTimeAugmentation = Augmentation.Dihedral,
        };
        var noBootstrap = new EvaluationOptions { BootstrapResamples = 0 };
        var evaluation = CrossValidator.Run(dataset, 2, 2, options, noBootstrap, new BlockMeanBackbone(), default);
        Assert.Equal([dataset.Cases[11].Record.CaseKey], evaluation.Skipped.Select(s => s.CaseKey));

        // By hand: repeat 1 is the fold loop with seed 3 on folds drawn with seed 3 over all twelve rows.
        var set = FeatureSource.Create(new BlockMeanBackbone(), dataset.RoiOptions, null).Featurize(dataset.Cases, c => c.RoiPath, FeatureSource.Transforms(Augmentation.Dihedral), true, null, default);
        var folds = PatientSplitter.Folds(dataset.Name, dataset.Cases, 2, 3);
        var foldOf = dataset.Cases.Select((c, i) => (c.Record.PatientId, folds[i])).ToDictionary(p => p.PatientId, p => p.Item2);
        var second = CrossValidator.Run(dataset.Name, dataset.Cases, set, foldOf, 2, options with { Seed = 3 }, noBootstrap, [], default);
        Assert.Equal(second.Rows.Auc, evaluation.RepeatAucs[1]);
    }
}
#endif
