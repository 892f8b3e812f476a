/// <summary>The input row: one ROI file.</summary>
internal sealed class Row
{
    public string RoiPath { get; set; } = "";
}
