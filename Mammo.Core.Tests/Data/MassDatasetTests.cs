using Mammo.Data;
using Mammo.Tests.Support;

namespace Mammo.Tests.Data;

public sealed class MassDatasetTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private MassDataset Build(int patients)
    {
        var rows = new List<string>();
        for (var p = 1; p <= patients; p++)
        {
            var patient = $"P_{p:D5}";
            var pathology = p % 2 == 0 ? "MALIGNANT" : "BENIGN";
            rows.Add(TestFiles.MassRow(patient: patient, pathology: pathology));
            rows.Add(TestFiles.MassRow(patient: patient, view: "MLO", pathology: pathology));
            File.WriteAllText(directory.File($"{patient}_LEFT_CC_1.h5"), "");
            File.WriteAllText(directory.File($"{patient}_LEFT_MLO_1.h5"), "");
        }

        rows.Add(TestFiles.MassRow(patient: "P_99999", pathology: "BENIGN"));
        var csv = TestFiles.WriteText(directory, "cases.csv", TestFiles.Csv(TestFiles.MassHeader, [.. rows]));
        return MassDataset.Load(csv, directory.Path);
    }

    [Fact]
    public void Rows_without_a_roi_are_listed_not_dropped_silently()
    {
        var dataset = Build(10);
        Assert.Equal(20, dataset.Count);
        var skipped = Assert.Single(dataset.Skipped);
        Assert.Equal("P_99999_LEFT_CC_1", skipped.CaseKey);
    }

    [Fact]
    public void The_validation_split_is_by_patient_stratified_and_seeded()
    {
        var dataset = Build(40);
        var (training, validation) = dataset.SplitByPatient(0.25, seed: 5);
        var trainPatients = training.Records.Select(r => r.PatientId).ToHashSet();
        Assert.DoesNotContain(validation.Records, r => trainPatients.Contains(r.PatientId));
        Assert.Equal(80, training.Count + validation.Count);
        Assert.Equal(5, validation.Records.Where(r => r.IsMalignant).Select(r => r.PatientId).Distinct().Count());
        Assert.Equal(5, validation.Records.Where(r => !r.IsMalignant).Select(r => r.PatientId).Distinct().Count());
        Assert.Equal(validation.Records, dataset.SplitByPatient(0.25, seed: 5).Validation.Records);
        Assert.NotEqual(validation.Records, dataset.SplitByPatient(0.25, seed: 6).Validation.Records);
    }

    [Fact]
    public void Folds_cover_every_row_once_and_keep_patients_together()
    {
        var dataset = Build(30);
        var folds = dataset.PatientFolds(5, seed: 2);
        Assert.Equal(5, folds.Count);
        var heldOut = folds.SelectMany(f => f.HeldOut.Records).ToList();
        Assert.Equal(dataset.Count, heldOut.Count);
        Assert.Equal(dataset.Count, heldOut.Select(r => r.CaseKey).Distinct().Count());
        foreach (var (training, held) in folds)
        {
            var patients = training.Records.Select(r => r.PatientId).ToHashSet();
            Assert.DoesNotContain(held.Records, r => patients.Contains(r.PatientId));
        }
    }

    [Fact]
    public void Too_few_patients_for_a_split_is_a_dataset_error()
    {
        var dataset = Build(2);
        Assert.Throws<DatasetException>(() => dataset.SplitByPatient(0.2, 1));
        Assert.Throws<DatasetException>(() => dataset.PatientFolds(5, 1));
    }
}
