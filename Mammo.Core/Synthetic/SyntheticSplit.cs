namespace Mammo.Synthetic;

/// <summary>One generated (or rendered) case-description CSV.</summary>
/// <param name="Name">The split's name: <c>train</c>, <c>test</c>, or the rendered CSV's file name.</param>
/// <param name="CsvPath">The case-description CSV.</param>
/// <param name="Rows">Its rows.</param>
/// <param name="OracleAuc">The AUC of the generator's own latent malignancy probability against the drawn labels: the ceiling any classifier can reach on this split (NaN, and null in the JSON, when the split has one class only).</param>
public sealed record SyntheticSplit(string Name, string CsvPath, int Rows, double OracleAuc);
