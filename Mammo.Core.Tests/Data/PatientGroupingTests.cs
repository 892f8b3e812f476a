using Mammo.Data;
using Mammo.Tests.Support;

namespace Mammo.Tests.Data;

/// <summary>
/// Splits and folds with women who have several lesions (and so several rows per lesion and per patient): a patient's
/// rows must stay on one side, whatever her lesions are.
/// </summary>
public sealed class PatientGroupingTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    /// <summary>
    /// Each patient has two lesions (left 1 and right 1, or left 1 and left 2), each seen in CC and MLO: four rows.
    /// Every third patient has one malignant and one benign lesion; the rest have two lesions of one pathology.
    /// </summary>
    private MassDataset Build(int patients)
    {
        var rows = new List<string>();
        for (var p = 1; p <= patients; p++)
        {
            var patient = $"P_{p:D5}";
            var first = p % 2 == 0 ? "MALIGNANT" : "BENIGN";
            var second = p % 3 == 0 ? (first == "MALIGNANT" ? "BENIGN" : "MALIGNANT") : first;
            var (side2, id2) = p % 4 < 2 ? ("RIGHT", 1) : ("LEFT", 2);
            foreach (var (side, id, pathology) in new[] { ("LEFT", 1, first), (side2, id2, second) })
            {
                foreach (var view in new[] { "CC", "MLO" })
                {
                    rows.Add(TestFiles.MassRow(patient: patient, side: side, view: view, id: id, pathology: pathology));
                    File.WriteAllText(directory.File($"{patient}_{side}_{view}_{id}.h5"), "");
                }
            }
        }

        var csv = TestFiles.WriteText(directory, "cases.csv", TestFiles.Csv(TestFiles.MassHeader, [.. rows]));
        return MassDataset.Load(csv, directory.Path);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_validation_split_keeps_every_patient_with_all_her_lesions_on_one_side(int seed)
    {
        var dataset = Build(36);
        Assert.Equal(144, dataset.Count);
        var (training, validation) = dataset.SplitByPatient(0.25, seed);
        Assert.Equal(dataset.Count, training.Count + validation.Count);
        var trainingPatients = training.Records.Select(r => r.PatientId).ToHashSet();
        Assert.DoesNotContain(validation.Records, r => trainingPatients.Contains(r.PatientId));

        // Whole patients: 4 rows each on whichever side she is.
        Assert.All(validation.Records.GroupBy(r => r.PatientId), g => Assert.Equal(4, g.Count()));
        Assert.All(training.Records.GroupBy(r => r.PatientId), g => Assert.Equal(4, g.Count()));
    }

    [Fact]
    public void A_patient_with_any_malignant_lesion_is_stratified_as_malignant()
    {
        var dataset = Build(36);
        var malignantPatients = dataset.Records.GroupBy(r => r.PatientId).Count(g => g.Any(r => r.IsMalignant));
        var benignPatients = 36 - malignantPatients;
        var (_, validation) = dataset.SplitByPatient(0.25, seed: 4);
        var validationPatients = validation.Records.GroupBy(r => r.PatientId).ToList();
        Assert.Equal((int)Math.Round(0.25 * malignantPatients), validationPatients.Count(g => g.Any(r => r.IsMalignant)));
        Assert.Equal((int)Math.Round(0.25 * benignPatients), validationPatients.Count(g => !g.Any(r => r.IsMalignant)));
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(5, 2)]
    public void Folds_keep_every_patient_with_all_her_lesions_in_one_fold(int folds, int seed)
    {
        var dataset = Build(40);
        var parts = dataset.PatientFolds(folds, seed);
        Assert.Equal(folds, parts.Count);
        var foldOfPatient = new Dictionary<string, int>();
        for (var f = 0; f < folds; f++)
        {
            var (training, heldOut) = parts[f];
            Assert.Equal(dataset.Count, training.Count + heldOut.Count);
            foreach (var record in heldOut.Records)
            {
                Assert.True(foldOfPatient.TryAdd(record.PatientId, f) || foldOfPatient[record.PatientId] == f, $"{record.PatientId} is held out in two folds");
            }

            var trainingPatients = training.Records.Select(r => r.PatientId).ToHashSet();
            Assert.DoesNotContain(heldOut.Records, r => trainingPatients.Contains(r.PatientId));
        }

        Assert.Equal(40, foldOfPatient.Count);

        // Stratified by patient label: each fold holds out the same number of malignant patients, give or take one.
        var malignantPerFold = parts.Select(p => p.HeldOut.Records.GroupBy(r => r.PatientId).Count(g => g.Any(r => r.IsMalignant))).ToList();
        Assert.True(malignantPerFold.Max() - malignantPerFold.Min() <= 1, string.Join(",", malignantPerFold));
    }

    [Fact]
    public void Folds_are_determined_by_the_seed()
    {
        var dataset = Build(30);
        static List<string[]> HeldOut(MassDataset d, int seed) =>
            d.PatientFolds(4, seed).Select(p => p.HeldOut.Records.Select(r => r.CaseKey).ToArray()).ToList();
        var first = HeldOut(dataset, 9);
        Assert.Equal(first, HeldOut(dataset, 9));
        Assert.Equal(first, HeldOut(Build(30), 9));
        Assert.NotEqual(first, HeldOut(dataset, 10));
    }

    [Fact]
    public void Fractions_outside_zero_to_one_and_too_few_folds_are_refused()
    {
        var dataset = Build(12);
        Assert.Throws<ArgumentOutOfRangeException>(() => dataset.SplitByPatient(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => dataset.SplitByPatient(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => dataset.SplitByPatient(double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => dataset.PatientFolds(1, 1));
        var error = Assert.Throws<DatasetException>(() => dataset.PatientFolds(13, 1));
        Assert.Contains("too few for 13 folds", error.Message);
    }
}
