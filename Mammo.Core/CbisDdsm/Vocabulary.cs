namespace Mammo.CbisDdsm;

/// <summary>The spellings used in the CBIS-DDSM files, both ways.</summary>
/// <remarks>
/// Each spelling is a switch in a method rather than a dictionary built in a static initialiser: the tables are read on
/// every call, so a mutation test (whose test host outlives many mutants) sees a changed spelling, and a parse of at most
/// eight candidates costs no more than a lookup.
/// </remarks>
internal static class Vocabulary
{
    /// <summary>The value CBIS-DDSM writes for "not available".</summary>
    public const string NotAvailable = "NA";

    public static readonly Spelling<BreastSide> Sides = new(SideText);

    public static readonly Spelling<ImageView> Views = new(ViewText);

    public static readonly Spelling<AbnormalityType> AbnormalityTypes = new(AbnormalityTypeText);

    public static readonly Spelling<Pathology> Pathologies = new(PathologyText);

    public static readonly Spelling<MassShape> Shapes = new(ShapeText);

    public static readonly Spelling<MassMargin> Margins = new(MarginText);

    private static string SideText(BreastSide side) => side switch
    {
        BreastSide.Left => "LEFT",
        BreastSide.Right => "RIGHT",
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, null),
    };

    private static string ViewText(ImageView view) => view switch
    {
        ImageView.CC => "CC",
        ImageView.MLO => "MLO",
        _ => throw new ArgumentOutOfRangeException(nameof(view), view, null),
    };

    private static string AbnormalityTypeText(AbnormalityType type) => type switch
    {
        AbnormalityType.Mass => "mass",
        AbnormalityType.Calcification => "calcification",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static string PathologyText(Pathology pathology) => pathology switch
    {
        Pathology.Benign => "BENIGN",
        Pathology.BenignWithoutCallback => "BENIGN_WITHOUT_CALLBACK",
        Pathology.Malignant => "MALIGNANT",
        _ => throw new ArgumentOutOfRangeException(nameof(pathology), pathology, null),
    };

    private static string ShapeText(MassShape shape) => shape switch
    {
        MassShape.Round => "ROUND",
        MassShape.Oval => "OVAL",
        MassShape.Lobulated => "LOBULATED",
        MassShape.Irregular => "IRREGULAR",
        MassShape.ArchitecturalDistortion => "ARCHITECTURAL_DISTORTION",
        MassShape.LymphNode => "LYMPH_NODE",
        MassShape.FocalAsymmetricDensity => "FOCAL_ASYMMETRIC_DENSITY",
        MassShape.AsymmetricBreastTissue => "ASYMMETRIC_BREAST_TISSUE",
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
    };

    private static string MarginText(MassMargin margin) => margin switch
    {
        MassMargin.Circumscribed => "CIRCUMSCRIBED",
        MassMargin.Obscured => "OBSCURED",
        MassMargin.Microlobulated => "MICROLOBULATED",
        MassMargin.IllDefined => "ILL_DEFINED",
        MassMargin.Spiculated => "SPICULATED",
        _ => throw new ArgumentOutOfRangeException(nameof(margin), margin, null),
    };

    /// <summary>One closed vocabulary: file spelling to value and back, for every value of <typeparamref name="T"/>.</summary>
    internal sealed class Spelling<T>(Func<T, string> toText)
        where T : struct, Enum
    {
        private static readonly T[] Values = Enum.GetValues<T>();

        public IEnumerable<string> Texts => Values.Select(toText);

        public bool TryParse(string text, out T value)
        {
            foreach (var candidate in Values)
            {
                if (string.Equals(toText(candidate), text, StringComparison.Ordinal))
                {
                    value = candidate;
                    return true;
                }
            }

            value = default;
            return false;
        }

        public string ToText(T value) => toText(value);
    }
}
