namespace Mammo.CbisDdsm;

/// <summary>The mammographic view of an image.</summary>
public enum ImageView
{
    /// <summary>Cranio-caudal (<c>CC</c>).</summary>
    CC,

    /// <summary>Medio-lateral oblique (<c>MLO</c>).</summary>
    MLO,
}
