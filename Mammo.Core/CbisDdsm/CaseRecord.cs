namespace Mammo.CbisDdsm;

/// <summary>
/// One row of a CBIS-DDSM case-description CSV: one abnormality in one view of one breast.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Member</term><description>CSV column</description></listheader>
/// <item><term><see cref="PatientId"/></term><description><c>patient_id</c>, e.g. <c>P_00001</c></description></item>
/// <item><term><see cref="BreastDensity"/></term><description><c>breast_density</c> (mass) or <c>breast density</c> (calcification), 0-4</description></item>
/// <item><term><see cref="Side"/>, <see cref="View"/></term><description><c>left or right breast</c>, <c>image view</c></description></item>
/// <item><term><see cref="AbnormalityId"/></term><description><c>abnormality id</c>, 1 and up, numbered per image</description></item>
/// <item><term><see cref="MassShapes"/>, <see cref="MassMargins"/></term><description><c>mass shape</c>, <c>mass margins</c>: hyphen-joined combinations; <c>NA</c> gives an empty list</description></item>
/// <item><term><see cref="CalcTypes"/>, <see cref="CalcDistributions"/></term><description><c>calc type</c>, <c>calc distribution</c>, kept as spelled (the official files have typos)</description></item>
/// <item><term><see cref="Assessment"/></term><description>BI-RADS assessment 0-5. Close to the label itself: never use it as a model input.</description></item>
/// <item><term><see cref="Subtlety"/></term><description>0-5 (0 occurs although documented as 1-5)</description></item>
/// </list>
/// </remarks>
public sealed record CaseRecord
{
    /// <summary>Gets the patient identifier, e.g. <c>P_00001</c>.</summary>
    public required string PatientId { get; init; }

    /// <summary>Gets the breast.</summary>
    public required BreastSide Side { get; init; }

    /// <summary>Gets the view.</summary>
    public required ImageView View { get; init; }

    /// <summary>Gets the abnormality number within the image (1 and up).</summary>
    public required int AbnormalityId { get; init; }

    /// <summary>Gets the abnormality type.</summary>
    public required AbnormalityType AbnormalityType { get; init; }

    /// <summary>Gets the breast density, 0-4.</summary>
    public required int BreastDensity { get; init; }

    /// <summary>Gets the mass shapes (empty for <c>NA</c> and for calcifications).</summary>
    public IReadOnlyList<MassShape> MassShapes { get; init; } = [];

    /// <summary>Gets the mass margins (empty for <c>NA</c> and for calcifications).</summary>
    public IReadOnlyList<MassMargin> MassMargins { get; init; } = [];

    /// <summary>Gets the calcification types as spelled in the file (empty for masses).</summary>
    public IReadOnlyList<string> CalcTypes { get; init; } = [];

    /// <summary>Gets the calcification distributions as spelled in the file (empty for masses).</summary>
    public IReadOnlyList<string> CalcDistributions { get; init; } = [];

    /// <summary>Gets the BI-RADS assessment, 0-5.</summary>
    public required int Assessment { get; init; }

    /// <summary>Gets the verified pathology.</summary>
    public required Pathology Pathology { get; init; }

    /// <summary>Gets the subtlety rating, 0-5.</summary>
    public required int Subtlety { get; init; }

    /// <summary>Gets the <c>image file path</c> column (the full mammogram's DICOM path).</summary>
    public string ImageFilePath { get; init; } = "";

    /// <summary>Gets the <c>cropped image file path</c> column (the ROI crop's DICOM path).</summary>
    public string CroppedImageFilePath { get; init; } = "";

    /// <summary>Gets the <c>ROI mask file path</c> column (the lesion mask's DICOM path).</summary>
    public string RoiMaskFilePath { get; init; } = "";

    /// <summary>Gets a value indicating whether the abnormality is malignant (the label; both benign kinds are benign).</summary>
    public bool IsMalignant => Pathology == Pathology.Malignant;

    /// <summary>Gets the CBIS-DDSM case key, e.g. <c>P_00001_LEFT_CC_1</c>: patient, side, view and abnormality id.</summary>
    public string CaseKey => $"{PatientId}_{Vocabulary.Sides.ToText(Side)}_{Vocabulary.Views.ToText(View)}_{AbnormalityId}";

    /// <summary>
    /// Gets the lesion key, e.g. <c>P_00001_LEFT_1</c>: the CC and MLO rows of one lesion share it.
    /// </summary>
    public string LesionKey => $"{PatientId}_{Vocabulary.Sides.ToText(Side)}_{AbnormalityId}";
}
