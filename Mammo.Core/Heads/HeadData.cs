using Mammo.Data;
using Mammo.Featurization;

namespace Mammo.Heads;

/// <summary>
/// What the head search works on: feature vectors with their cases' labels and patients, nothing else (no file, no
/// record). Each case has <see cref="VectorsPerCase"/> consecutive vectors (its transforms); a case's score is their mean.
/// </summary>
/// <param name="Vectors">Case-major vectors.</param>
/// <param name="Labels">One label per case (true = malignant).</param>
/// <param name="PatientIds">One patient per case, for patient-grouped inner splits.</param>
/// <param name="VectorsPerCase">Vectors per case.</param>
internal sealed record HeadData(float[][] Vectors, bool[] Labels, string[] PatientIds, int VectorsPerCase)
{
    public int Cases => Labels.Length;

    /// <summary>Gets one label per vector.</summary>
    public bool[] VectorLabels => VectorsPerCase == 1 ? Labels : [.. Labels.SelectMany(l => Enumerable.Repeat(l, VectorsPerCase))];

    /// <summary>Takes a featurised set's vectors under the given transforms, and its cases' labels and patients.</summary>
    public static HeadData From(FeaturizedSet<MassCase> set, IReadOnlyList<int> transforms) => new(
        set.Vectors(transforms),
        [.. set.Cases.Select(c => c.Record.IsMalignant)],
        [.. set.Cases.Select(c => c.Record.PatientId)],
        transforms.Count);

    /// <summary>Appends another set's cases (same vectors per case).</summary>
    public HeadData Concat(HeadData other) => other.VectorsPerCase != VectorsPerCase
        ? throw new ArgumentException("Both parts need the same vectors per case.", nameof(other))
        : new([.. Vectors, .. other.Vectors], [.. Labels, .. other.Labels], [.. PatientIds, .. other.PatientIds], VectorsPerCase);
}
