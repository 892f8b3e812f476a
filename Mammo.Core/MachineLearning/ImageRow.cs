using Microsoft.ML.Data;

namespace Mammo.MachineLearning;

/// <summary>The input of the image mapping: an ML.NET image and the options it is read with.</summary>
internal sealed class ImageRow
{
    [ColumnName(ColumnNames.RoiImage)]
    public MLImage? Image { get; set; }

    [ColumnName(ColumnNames.RoiOptions)]
    public string Options { get; set; } = "";
}
