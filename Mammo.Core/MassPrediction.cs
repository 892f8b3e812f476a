namespace Mammo;

/// <summary>The classifier's answer for one ROI.</summary>
/// <param name="Source">The ROI file, or <see langword="null"/> for pixels passed in memory.</param>
/// <param name="Probability">The calibrated malignancy probability, 0..1.</param>
/// <param name="IsMalignant">The decision: <paramref name="Probability"/> at or above <paramref name="Threshold"/>.</param>
/// <param name="Threshold">The operating threshold chosen on validation during training.</param>
public sealed record MassPrediction(string? Source, double Probability, bool IsMalignant, double Threshold);
