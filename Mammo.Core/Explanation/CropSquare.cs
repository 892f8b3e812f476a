namespace Mammo.Explanation;

/// <summary>
/// The square of a ROI that becomes the network's 224 x 224 input, in ROI pixel coordinates: pixel (x, y) covers
/// [x, x + 1) x [y, y + 1), so the square covers [<see cref="Left"/>, <see cref="Left"/> + <see cref="Side"/>) across.
/// It may reach past the ROI's edges; the preprocessing repeats the edge pixels there.
/// </summary>
/// <param name="Left">The left edge, in ROI pixels (may be negative).</param>
/// <param name="Top">The top edge, in ROI pixels (may be negative).</param>
/// <param name="Side">The side, in ROI pixels.</param>
public readonly record struct CropSquare(double Left, double Top, double Side)
{
    /// <summary>Gets the horizontal centre, in ROI pixels.</summary>
    public double CentreX => Left + (Side / 2);

    /// <summary>Gets the vertical centre, in ROI pixels.</summary>
    public double CentreY => Top + (Side / 2);
}
