namespace Mammo.CbisDdsm;

/// <summary>The verified pathology of an abnormality.</summary>
public enum Pathology
{
    /// <summary>Benign, confirmed (<c>BENIGN</c>).</summary>
    Benign,

    /// <summary>Benign without call-back: not biopsied, counted as benign (<c>BENIGN_WITHOUT_CALLBACK</c>).</summary>
    BenignWithoutCallback,

    /// <summary>Malignant (<c>MALIGNANT</c>).</summary>
    Malignant,
}
