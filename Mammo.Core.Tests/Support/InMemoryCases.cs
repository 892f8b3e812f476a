using Mammo.CbisDdsm;
using Mammo.Data;

namespace Mammo.Tests.Support;

/// <summary>Cases built in memory (no files): for tests of the logic that only reads records.</summary>
internal static class InMemoryCases
{
    /// <summary>One CC row per patient, named P_1, P_2, ...: the first <paramref name="benign"/> benign, then the malignant.</summary>
    public static List<MassCase> OnePerPatient(int benign, int malignant) =>
        [.. Enumerable.Range(1, benign + malignant).Select(p => new MassCase(
            new CaseRecord
            {
                PatientId = $"P_{p}",
                Side = BreastSide.Left,
                View = ImageView.CC,
                AbnormalityId = 1,
                AbnormalityType = AbnormalityType.Mass,
                BreastDensity = 2,
                Assessment = 3,
                Pathology = p > benign ? Pathology.Malignant : Pathology.Benign,
                Subtlety = 3,
            },
            $"P_{p}.h5"))];
}
