using Microsoft.ML.Data;

namespace Mammo.MachineLearning;

/// <summary>The input of the marker mapping: the image column alone.</summary>
internal sealed class ImageOnlyRow
{
    [ColumnName(ColumnNames.RoiImage)]
    public MLImage? Image { get; set; }
}
