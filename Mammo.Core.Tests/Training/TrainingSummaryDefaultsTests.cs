using Mammo.Training;

namespace Mammo.Tests.Training;

/// <summary>A summary built without a recipe or a selection (as by an older model file) records them as empty, not as a value.</summary>
public sealed class TrainingSummaryDefaultsTests
{
    [Fact]
    public void Recipe_and_selection_default_to_empty()
    {
        var summary = new TrainingSummary
        {
            Seed = 1, Trainer = HeadTrainer.LbfgsLogisticRegression, TrainingRows = 4, ValidationRows = 2, TrainingPatients = 4, ValidationPatients = 2,
            ChosenRegularization = 1, ValidationAuc = 0.5, ValidationCurve = [], ThresholdPolicy = ThresholdPolicy.YoudenJ, Threshold = 0.5,
            TrainingAugmentation = Augmentation.None, TestTimeAugmentation = Augmentation.None, Refitted = false,
        };
        Assert.Equal(("", ""), (summary.FeatureRecipe, summary.Selection));
        Assert.Empty(summary.Skipped);
    }
}
