using Mammo.Training;
using Mammo.Features;

namespace Mammo.Heads;

/// <summary>
/// The candidates the head search chooses among, and how it validates them. The rule: a training set of fewer than
/// <see cref="InnerCrossValidationPatientLimit"/> patients is validated by <see cref="InnerFolds"/>-fold patient-grouped
/// cross-validation of itself (one split of a small set is too noisy to choose by: on 85 women a fold flip moves the AUC
/// by 0.06); a larger one by a single patient-grouped split of <see cref="ValidationFraction"/> of its patients (5 times
/// cheaper, and on hundreds of patients one split is steady enough).
/// </summary>
internal sealed record NestedSearchOptions
{
    public const int DefaultInnerCrossValidationPatientLimit = 300;

    /// <summary>Gets the patient count from which one validation split replaces the inner cross-validation (default 300).</summary>
    public int InnerCrossValidationPatientLimit { get; init; } = DefaultInnerCrossValidationPatientLimit;

    public IReadOnlyList<FeatureRecipe> Recipes { get; init; } = [FeatureRecipe.LesionRing];

    public IReadOnlyList<double> L2PerExample { get; init; } = [1];

    public int InnerFolds { get; init; } = 5;

    public double ValidationFraction { get; init; } = 0.2;

    public ThresholdPolicy ThresholdPolicy { get; init; } = ThresholdPolicy.YoudenJ;

    public double TargetSensitivity { get; init; } = 0.9;

    /// <summary>Gets the candidates in tie-break order: recipes as listed, the strongest L2 first within each.</summary>
    public IReadOnlyList<RecipeCandidate> Candidates =>
        [.. from r in Recipes from c in L2PerExample.OrderByDescending(c => c) select new RecipeCandidate(r, c)];
}
