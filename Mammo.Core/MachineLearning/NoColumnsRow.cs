namespace Mammo.MachineLearning;

/// <summary>A row with no columns: lets a mapping describe its output column without any input.</summary>
internal sealed class NoColumnsRow;
