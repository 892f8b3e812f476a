using Mammo.CbisDdsm;

namespace Mammo.Data;

/// <summary>One case-description row of a dataset and the ROI file it resolved to.</summary>
/// <param name="Record">The row.</param>
/// <param name="RoiPath">Its ROI file (HDF5 or PNG), as found by <see cref="MassDataset.Load"/>.</param>
public sealed record MassCase(CaseRecord Record, string RoiPath);
