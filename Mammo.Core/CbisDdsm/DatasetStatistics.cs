namespace Mammo.CbisDdsm;

/// <summary>Counts that describe a set of case descriptions, and the accuracy a classifier gets by always saying the majority class.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Member</term><description>Meaning</description></listheader>
/// <item><term><see cref="Rows"/></term><description>CSV rows: one abnormality in one view</description></item>
/// <item><term><see cref="Patients"/></term><description>distinct <c>patient_id</c>s</description></item>
/// <item><term><see cref="Lesions"/></term><description>distinct (patient, side, abnormality id): a lesion's CC and MLO rows count once</description></item>
/// <item><term><see cref="Benign"/></term><description>rows labelled benign, <c>BENIGN_WITHOUT_CALLBACK</c> included</description></item>
/// <item><term><see cref="MajorityBaselineAccuracy"/></term><description>the row-level accuracy of always predicting <see cref="MajorityClass"/>; any model must beat it</description></item>
/// </list>
/// </remarks>
public sealed record DatasetStatistics
{
    /// <summary>Gets the number of rows.</summary>
    public required int Rows { get; init; }

    /// <summary>Gets the number of distinct patients.</summary>
    public required int Patients { get; init; }

    /// <summary>Gets the number of distinct lesions (patient, side, abnormality id).</summary>
    public required int Lesions { get; init; }

    /// <summary>Gets the number of malignant rows.</summary>
    public required int Malignant { get; init; }

    /// <summary>Gets the number of benign rows, <c>BENIGN_WITHOUT_CALLBACK</c> included.</summary>
    public required int Benign { get; init; }

    /// <summary>Gets the number of <c>BENIGN_WITHOUT_CALLBACK</c> rows (part of <see cref="Benign"/>).</summary>
    public required int BenignWithoutCallback { get; init; }

    /// <summary>Gets the fraction of rows that are malignant.</summary>
    public double MalignantFraction => Rows == 0 ? 0 : (double)Malignant / Rows;

    /// <summary>Gets the majority class: <c>MALIGNANT</c> or <c>BENIGN</c> (benign on a tie).</summary>
    public string MajorityClass => Malignant > Benign ? "MALIGNANT" : "BENIGN";

    /// <summary>Gets the accuracy of always predicting <see cref="MajorityClass"/>.</summary>
    public double MajorityBaselineAccuracy => Rows == 0 ? 0 : (double)Math.Max(Malignant, Benign) / Rows;

    /// <summary>Computes the statistics of a set of case descriptions.</summary>
    /// <param name="records">The rows.</param>
    /// <returns>The statistics.</returns>
    public static DatasetStatistics Compute(IEnumerable<CaseRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records.ToList();
        return new DatasetStatistics
        {
            Rows = list.Count,
            Patients = list.Select(r => r.PatientId).Distinct(StringComparer.Ordinal).Count(),
            Lesions = list.Select(r => r.LesionKey).Distinct(StringComparer.Ordinal).Count(),
            Malignant = list.Count(r => r.IsMalignant),
            Benign = list.Count(r => !r.IsMalignant),
            BenignWithoutCallback = list.Count(r => r.Pathology == Pathology.BenignWithoutCallback),
        };
    }
}
