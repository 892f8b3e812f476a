namespace Mammo.CbisDdsm;

/// <summary>The two column layouts CBIS-DDSM publishes: one for masses, one for calcifications.</summary>
internal sealed class CaseDescriptionSchema
{
    public const string PatientId = "patient_id";
    public const string Side = "left or right breast";
    public const string View = "image view";
    public const string AbnormalityId = "abnormality id";
    public const string AbnormalityType = "abnormality type";
    public const string Assessment = "assessment";
    public const string Pathology = "pathology";
    public const string Subtlety = "subtlety";
    public const string ImagePath = "image file path";
    public const string CropPath = "cropped image file path";
    public const string MaskPath = "ROI mask file path";

    // Properties, not static fields: a schema is made per file read (cheap), and a static one would be fixed at first use,
    // which hides a changed column name from a mutation test's long-lived test host.
    public static CaseDescriptionSchema Mass => new(
        Mammo.CbisDdsm.AbnormalityType.Mass, "breast_density", "mass shape", "mass margins");

    public static CaseDescriptionSchema Calcification => new(
        Mammo.CbisDdsm.AbnormalityType.Calcification, "breast density", "calc type", "calc distribution");

    private CaseDescriptionSchema(AbnormalityType kind, string density, string descriptor1, string descriptor2)
    {
        Kind = kind;
        Density = density;
        FirstDescriptor = descriptor1;
        SecondDescriptor = descriptor2;
        Columns =
        [
            PatientId, density, Side, View, AbnormalityId, AbnormalityType, descriptor1, descriptor2,
            Assessment, Pathology, Subtlety, ImagePath, CropPath, MaskPath,
        ];
    }

    public AbnormalityType Kind { get; }

    public string Density { get; }

    /// <summary>Gets <c>mass shape</c> or <c>calc type</c>.</summary>
    public string FirstDescriptor { get; }

    /// <summary>Gets <c>mass margins</c> or <c>calc distribution</c>.</summary>
    public string SecondDescriptor { get; }

    /// <summary>Gets the columns in the order the official files have them.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Finds the schema whose columns are exactly <paramref name="header"/> (in any order).</summary>
    public static CaseDescriptionSchema? Match(IReadOnlyCollection<string> header, out string? problem)
    {
        foreach (var schema in new[] { Mass, Calcification })
        {
            if (header.Contains(schema.Density) || header.Contains(schema.FirstDescriptor))
            {
                var missing = schema.Columns.Except(header).ToList();
                var unknown = header.Except(schema.Columns).ToList();
                problem = (missing.Count, unknown.Count) switch
                {
                    (0, 0) => null,
                    (_, 0) => $"the {schema.Kind.ToString().ToLowerInvariant()} schema's column(s) {Quote(missing)} are missing",
                    (0, _) => $"unknown column(s) {Quote(unknown)}",
                    _ => $"unknown column(s) {Quote(unknown)}; missing column(s) {Quote(missing)}",
                };
                return problem is null ? schema : null;
            }
        }

        problem = $"the header matches neither the mass nor the calcification schema (expected columns: {Quote(Mass.Columns)})";
        return null;
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(name => $"'{name}'"));
}
