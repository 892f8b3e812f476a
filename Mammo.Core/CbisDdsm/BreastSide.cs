namespace Mammo.CbisDdsm;

/// <summary>Which breast an image shows.</summary>
public enum BreastSide
{
    /// <summary>The left breast (<c>LEFT</c>).</summary>
    Left,

    /// <summary>The right breast (<c>RIGHT</c>).</summary>
    Right,
}
