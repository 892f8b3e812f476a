namespace Mammo.CbisDdsm;

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
