namespace Mammo.Synthetic;

/// <summary>What the generator wrote, with its oracle AUC per split.</summary>
/// <param name="Directory">The output folder.</param>
/// <param name="RoiDirectory">The folder of ROI files (<c>roi/</c>).</param>
/// <param name="Splits">Per CSV: its path, row count and oracle AUC.</param>
public sealed record SyntheticDataset(string Directory, string RoiDirectory, IReadOnlyList<SyntheticSplit> Splits);
