using Microsoft.ML.Data;

namespace Mammo.MachineLearning;

/// <summary>An empty text column: ML.NET's expression transform needs a text or number input to write the options beside an image column.</summary>
internal sealed class MarkerRow
{
    [ColumnName(ColumnNames.Marker)]
    public string Marker { get; set; } = "";
}
