using Mammo.Preprocessing;
using Mammo.Rois;

namespace Mammo.Features;

/// <summary>
/// Where the lesion lies in the backbone's input, as an ellipse in coordinates of the 224 x 224 input scaled to 0..1
/// (x right, y down): the ellipse inscribed in the lesion mask's bounding box, carried through the crop of
/// <see cref="RoiPreprocessor"/> and its dihedral transform.
/// </summary>
/// <remarks>
/// The ellipse stands in for the mask itself (MIAS marks lesions by circles, so there it is exact; CBIS-DDSM outlines
/// are irregular, and the ellipse is their box's best smooth fit). Without a mask the lesion is taken to be the central
/// ellipse of semi-axes <see cref="AssumedSemiAxis"/>, the share a lesion fills in a crop of 2.5 radii.
/// </remarks>
internal readonly record struct LesionGeometry(double CentreX, double CentreY, double SemiAxisX, double SemiAxisY)
{
    public const double AssumedSemiAxis = 0.4;

    public static LesionGeometry Assumed => new(0.5, 0.5, AssumedSemiAxis, AssumedSemiAxis);

    public static LesionGeometry Of(RoiImage roi, RoiOptions options, int dihedral)
    {
        var geometry = Assumed;
        if (roi.Lesion is { } lesion)
        {
            var (centreX, centreY, side) = RoiPreprocessor.SquareToSample(roi, options);
            geometry = new LesionGeometry(
                (((lesion.Left + lesion.Right + 1) / 2.0) - (centreX - (side / 2))) / side,
                (((lesion.Top + lesion.Bottom + 1) / 2.0) - (centreY - (side / 2))) / side,
                (lesion.Right - lesion.Left + 1) / 2.0 / side,
                (lesion.Bottom - lesion.Top + 1) / 2.0 / side);
        }

        return geometry.Transformed(dihedral);
    }

    /// <summary>Carries the ellipse through the transform <see cref="RoiPreprocessor.Transform"/> applies to pixels.</summary>
    public LesionGeometry Transformed(int dihedral)
    {
        var g = this;
        if ((dihedral & 1) != 0)
        {
            g = new LesionGeometry(g.CentreY, g.CentreX, g.SemiAxisY, g.SemiAxisX);
        }

        if ((dihedral & 2) != 0)
        {
            g = g with { CentreX = 1 - g.CentreX };
        }

        if ((dihedral & 4) != 0)
        {
            g = g with { CentreY = 1 - g.CentreY };
        }

        return g;
    }

    /// <summary>The ellipse's normalised radius at a point: below 1 inside, 1 on the border.</summary>
    public double Radius(double x, double y)
    {
        var dx = (x - CentreX) / Math.Max(SemiAxisX, 1e-6);
        var dy = (y - CentreY) / Math.Max(SemiAxisY, 1e-6);
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
