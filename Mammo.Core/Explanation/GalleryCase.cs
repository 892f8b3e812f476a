using Mammo.Evaluation;

namespace Mammo.Explanation;

/// <summary>One evaluated row chosen for a gallery of explanations, with its ROI file.</summary>
/// <param name="Kind">Which kind of decision it is.</param>
/// <param name="Case">The scored row.</param>
/// <param name="RoiPath">Its ROI file, to pass to <see cref="MassClassifier.Explain(string)"/>.</param>
public sealed record GalleryCase(GalleryKind Kind, ScoredCase Case, string RoiPath);
