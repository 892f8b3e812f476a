using ScottPlot;

namespace Mammo.Cli.Reporting;

/// <summary>Black to white, for showing a ROI as it is.</summary>
internal sealed class GreyColormap : IColormap
{
    public string Name => "Grey";

    public Color GetColor(double normalizedIntensity)
    {
        var level = (byte)Math.Round(Math.Clamp(double.IsNaN(normalizedIntensity) ? 0 : normalizedIntensity, 0, 1) * 255);
        return new Color(level, level, level);
    }
}
