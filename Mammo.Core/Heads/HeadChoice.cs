namespace Mammo.Heads;

/// <summary>
/// What <see cref="NestedHeadSearch.Choose"/> settles on held-out rows before any all-row fit: the setting, and the
/// calibration and threshold from that setting's held-out scores.
/// </summary>
internal sealed record HeadChoice(RecipeSelection Selection, PlattScaling Calibration, double Threshold, bool InnerCrossValidated)
{
    public RecipeCandidate Candidate => Selection.Best;

    /// <summary>The trained head, given the chosen setting's fit on every row.</summary>
    public TrainedHead With(Func<IReadOnlyList<float[]>, double[]> rawScorer) => new(Selection, rawScorer, Calibration, Threshold, InnerCrossValidated);
}
