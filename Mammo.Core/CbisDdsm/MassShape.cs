namespace Mammo.CbisDdsm;

/// <summary>The BI-RADS mass shape, as spelled in the CBIS-DDSM mass CSVs.</summary>
public enum MassShape
{
    /// <summary><c>ROUND</c>.</summary>
    Round,

    /// <summary><c>OVAL</c>.</summary>
    Oval,

    /// <summary><c>LOBULATED</c>.</summary>
    Lobulated,

    /// <summary><c>IRREGULAR</c>.</summary>
    Irregular,

    /// <summary><c>ARCHITECTURAL_DISTORTION</c>.</summary>
    ArchitecturalDistortion,

    /// <summary><c>LYMPH_NODE</c>.</summary>
    LymphNode,

    /// <summary><c>FOCAL_ASYMMETRIC_DENSITY</c>.</summary>
    FocalAsymmetricDensity,

    /// <summary><c>ASYMMETRIC_BREAST_TISSUE</c>.</summary>
    AsymmetricBreastTissue,
}
