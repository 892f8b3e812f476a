namespace Mammo.CbisDdsm;

/// <summary>The BI-RADS mass margin, as spelled in the CBIS-DDSM mass CSVs.</summary>
public enum MassMargin
{
    /// <summary><c>CIRCUMSCRIBED</c>.</summary>
    Circumscribed,

    /// <summary><c>OBSCURED</c>.</summary>
    Obscured,

    /// <summary><c>MICROLOBULATED</c>.</summary>
    Microlobulated,

    /// <summary><c>ILL_DEFINED</c>.</summary>
    IllDefined,

    /// <summary><c>SPICULATED</c>.</summary>
    Spiculated,
}
