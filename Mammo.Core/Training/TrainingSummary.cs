namespace Mammo.Training;

/// <summary>What training did and chose, stored in the model file.</summary>
public sealed record TrainingSummary
{
    /// <summary>Gets the seed used.</summary>
    public required int Seed { get; init; }

    /// <summary>Gets the head's trainer.</summary>
    public required HeadTrainer Trainer { get; init; }

    /// <summary>Gets the rows of the training part (before augmentation).</summary>
    public required int TrainingRows { get; init; }

    /// <summary>Gets the rows of the validation part.</summary>
    public required int ValidationRows { get; init; }

    /// <summary>Gets the patients of the training part.</summary>
    public required int TrainingPatients { get; init; }

    /// <summary>Gets the patients of the validation part.</summary>
    public required int ValidationPatients { get; init; }

    /// <summary>Gets the regularisation strength chosen on validation.</summary>
    public required double ChosenRegularization { get; init; }

    /// <summary>Gets the validation AUC of the chosen setting.</summary>
    public required double ValidationAuc { get; init; }

    /// <summary>Gets the validation curve: every setting tried.</summary>
    public required IReadOnlyList<ValidationPoint> ValidationCurve { get; init; }

    /// <summary>Gets the threshold policy used.</summary>
    public required ThresholdPolicy ThresholdPolicy { get; init; }

    /// <summary>Gets the operating threshold chosen on validation.</summary>
    public required double Threshold { get; init; }

    /// <summary>Gets the training augmentation used.</summary>
    public required Augmentation TrainingAugmentation { get; init; }

    /// <summary>Gets the test-time augmentation the model applies when predicting.</summary>
    public required Augmentation TestTimeAugmentation { get; init; }

    /// <summary>Gets a value indicating whether the final head was refitted on training plus validation rows.</summary>
    public required bool Refitted { get; init; }

    /// <summary>Gets the feature recipe chosen (see the README), or <c>raw</c> for a backbone without feature bundles.</summary>
    public string FeatureRecipe { get; init; } = "";

    /// <summary>Gets how the setting was chosen: by inner patient-grouped cross-validation of the training data, or one validation split.</summary>
    public string Selection { get; init; } = "";

    /// <summary>Gets the rows left out (missing or unreadable ROI), with the reason.</summary>
    public IReadOnlyList<Data.SkippedRow> Skipped { get; init; } = [];
}
