using Mammo.CbisDdsm;

namespace Mammo.Rois;

/// <summary>Where a row's ROI is, or why none could be attached to it.</summary>
/// <param name="Record">The case-description row.</param>
/// <param name="Path">The ROI file, or <see langword="null"/> when none was found or the match was ambiguous.</param>
/// <param name="Problem">Why no ROI was attached, or <see langword="null"/>.</param>
internal sealed record LocatedRoi(CaseRecord Record, string? Path, string? Problem);
