using Mammo.CbisDdsm;
using Mammo.Rois;
using Microsoft.ML;

namespace Mammo.Data;

/// <summary>A case-description row that has no ROI, and why.</summary>
/// <param name="CaseKey">The row's case key, e.g. <c>P_00001_LEFT_CC_1</c>.</param>
/// <param name="Reason">Why it was left out: missing, ambiguous or unreadable ROI.</param>
public sealed record SkippedRow(string CaseKey, string Reason);
