using Microsoft.ML.Data;

namespace Mammo.MachineLearning;

/// <summary>The input of the path mapping: a ROI file and the options it is read with.</summary>
internal sealed class PathRow
{
    [ColumnName(ColumnNames.RoiPath)]
    public string Path { get; set; } = "";

    [ColumnName(ColumnNames.RoiOptions)]
    public string Options { get; set; } = "";
}
