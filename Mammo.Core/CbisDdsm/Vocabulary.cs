namespace Mammo.CbisDdsm;

/// <summary>Which breast an image shows.</summary>
public enum BreastSide
{
    /// <summary>The left breast (<c>LEFT</c>).</summary>
    Left,

    /// <summary>The right breast (<c>RIGHT</c>).</summary>
    Right,
}

/// <summary>The mammographic view of an image.</summary>
public enum ImageView
{
    /// <summary>Cranio-caudal (<c>CC</c>).</summary>
    CC,

    /// <summary>Medio-lateral oblique (<c>MLO</c>).</summary>
    MLO,
}

/// <summary>The kind of abnormality a case-description row describes.</summary>
public enum AbnormalityType
{
    /// <summary>A mass (<c>mass</c>, the mass CSVs).</summary>
    Mass,

    /// <summary>A calcification (<c>calcification</c>, the calcification CSVs).</summary>
    Calcification,
}

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

/// <summary>The spellings used in the CBIS-DDSM files, both ways.</summary>
internal static class Vocabulary
{
    /// <summary>The value CBIS-DDSM writes for "not available".</summary>
    public const string NotAvailable = "NA";

    public static readonly Spelling<BreastSide> Sides = new(new() { ["LEFT"] = BreastSide.Left, ["RIGHT"] = BreastSide.Right });

    public static readonly Spelling<ImageView> Views = new(new() { ["CC"] = ImageView.CC, ["MLO"] = ImageView.MLO });

    public static readonly Spelling<AbnormalityType> AbnormalityTypes =
        new(new() { ["mass"] = AbnormalityType.Mass, ["calcification"] = AbnormalityType.Calcification });

    public static readonly Spelling<Pathology> Pathologies = new(new()
    {
        ["BENIGN"] = Pathology.Benign,
        ["BENIGN_WITHOUT_CALLBACK"] = Pathology.BenignWithoutCallback,
        ["MALIGNANT"] = Pathology.Malignant,
    });

    public static readonly Spelling<MassShape> Shapes = new(new()
    {
        ["ROUND"] = MassShape.Round,
        ["OVAL"] = MassShape.Oval,
        ["LOBULATED"] = MassShape.Lobulated,
        ["IRREGULAR"] = MassShape.Irregular,
        ["ARCHITECTURAL_DISTORTION"] = MassShape.ArchitecturalDistortion,
        ["LYMPH_NODE"] = MassShape.LymphNode,
        ["FOCAL_ASYMMETRIC_DENSITY"] = MassShape.FocalAsymmetricDensity,
        ["ASYMMETRIC_BREAST_TISSUE"] = MassShape.AsymmetricBreastTissue,
    });

    public static readonly Spelling<MassMargin> Margins = new(new()
    {
        ["CIRCUMSCRIBED"] = MassMargin.Circumscribed,
        ["OBSCURED"] = MassMargin.Obscured,
        ["MICROLOBULATED"] = MassMargin.Microlobulated,
        ["ILL_DEFINED"] = MassMargin.IllDefined,
        ["SPICULATED"] = MassMargin.Spiculated,
    });

    /// <summary>One closed vocabulary: file spelling to value and back.</summary>
    internal sealed class Spelling<T>
        where T : struct, Enum
    {
        private readonly Dictionary<string, T> byText;
        private readonly Dictionary<T, string> byValue;

        public Spelling(Dictionary<string, T> byText)
        {
            this.byText = new Dictionary<string, T>(byText, StringComparer.Ordinal);
            byValue = byText.ToDictionary(pair => pair.Value, pair => pair.Key);
        }

        public IEnumerable<string> Texts => byText.Keys;

        public bool TryParse(string text, out T value) => byText.TryGetValue(text, out value);

        public string ToText(T value) => byValue[value];
    }
}
