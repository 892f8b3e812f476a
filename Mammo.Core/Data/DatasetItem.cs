using Mammo.CbisDdsm;
using Mammo.Rois;
using Microsoft.ML;

namespace Mammo.Data;

/// <summary>One row and its ROI file.</summary>
internal sealed record DatasetItem(CaseRecord Record, string RoiPath);
