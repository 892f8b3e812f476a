namespace Mammo.Training;

/// <summary>
/// A head fitted by <see cref="HeadSearch"/>: the chosen setting, the fitted scorer (on recipe vectors), the calibration
/// and threshold chosen on held-out scores of that same setting, and how it was validated.
/// </summary>
internal sealed record TrainedHead(
    HeadSelection Selection,
    Func<IReadOnlyList<float[]>, double[]> RawScorer,
    PlattScaling Calibration,
    double Threshold,
    bool InnerCrossValidated)
{
    public HeadCandidate Candidate => Selection.Best;

    /// <summary>Scores bundles: recipe, head, calibration.</summary>
    public double[] Score(IReadOnlyList<float[]> bundles) =>
        RawScorer(Candidate.Recipe.Apply(bundles)).Select(Calibration.Apply).ToArray();
}
