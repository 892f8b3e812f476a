namespace Mammo.Heads;

/// <summary>
/// A head fitted by <see cref="NestedHeadSearch"/>: the chosen setting, the fitted scorer (on recipe vectors), the calibration
/// and threshold chosen on held-out scores of that same setting, and how it was validated.
/// </summary>
internal sealed record TrainedHead(
    RecipeSelection Selection,
    Func<IReadOnlyList<float[]>, double[]> RawScorer,
    PlattScaling Calibration,
    double Threshold,
    bool InnerCrossValidated)
{
    public RecipeCandidate Candidate => Selection.Best;

    /// <summary>Scores bundles: recipe, head, calibration.</summary>
    public double[] Score(IReadOnlyList<float[]> bundles) =>
        RawScorer(Candidate.Recipe.Apply(bundles)).Select(Calibration.Apply).ToArray();
}
