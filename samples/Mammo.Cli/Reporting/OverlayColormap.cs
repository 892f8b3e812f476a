using ScottPlot;

namespace Mammo.Cli.Reporting;

/// <summary>
/// A diverging, see-through colour scale for an explanation laid over a grey image: blue (below the middle) through
/// clear (the middle, 0) to red (above); the further from the middle, the more opaque, so the grey stays visible where
/// the map says nothing.
/// </summary>
internal sealed class OverlayColormap : IColormap
{
    public string Name => "Overlay";

    public Color GetColor(double normalizedIntensity)
    {
        if (double.IsNaN(normalizedIntensity))
        {
            return Colors.Transparent;
        }

        var d = Math.Clamp((normalizedIntensity - 0.5) * 2, -1, 1);
        var alpha = (byte)Math.Round(175 * Math.Min(1, Math.Abs(d) * 1.25));
        return d >= 0 ? new Color(230, 40, 20, alpha) : new Color(30, 90, 230, alpha);
    }
}
