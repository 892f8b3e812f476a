using Mammo.CbisDdsm;
using Mammo.Data;
using Mammo.Tests.Support;

namespace Mammo.Tests.Data;

/// <summary>
/// The splitter's refusals with their exact messages, the fold-count boundary, and its seeded draw pinned for a small
/// set of patients (every reported split or cross-validation for a seed depends on it).
/// </summary>
public sealed class PatientSplitterRefusalTests
{
    private static List<MassCase> Patients(int benign, int malignant) => InMemoryCases.OnePerPatient(benign, malignant);

    private static string[] PatientsOf(IEnumerable<MassCase> items) => [.. items.Select(i => i.Record.PatientId).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void A_fraction_outside_the_open_unit_interval_is_refused(double fraction)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PatientSplitter.Split("cases.csv", Patients(2, 2), fraction, 1));
        Assert.Equal("fraction", error.ParamName);
        Assert.StartsWith("The validation fraction must lie strictly between 0 and 1.", error.Message);
    }

    [Theory]
    [InlineData(1, 2, "1 benign patient(s)", "a benign patient")]
    [InlineData(2, 1, "1 malignant patient(s)", "a malignant patient")]
    public void A_class_that_cannot_be_on_both_sides_is_refused_naming_the_class(int benign, int malignant, string count, string side)
    {
        var error = Assert.Throws<DatasetException>(() => PatientSplitter.Split("cases.csv", Patients(benign, malignant), 0.5, 1));
        Assert.Equal($"cases.csv: {count} cannot give both the training and the validation part {side} at fraction 0.5", error.Message);
    }

    [Fact]
    public void A_fraction_that_would_take_every_patient_of_a_class_is_refused()
    {
        // Three patients per class at 0.9: round(2.7) = 3 takes them all.
        var error = Assert.Throws<DatasetException>(() => PatientSplitter.Split("cases.csv", Patients(3, 3), 0.9, 1));
        Assert.Equal("cases.csv: 3 benign patient(s) cannot give both the training and the validation part a benign patient at fraction 0.9", error.Message);
    }

    [Fact]
    public void As_many_patients_of_each_class_as_folds_is_enough()
    {
        var folds = PatientSplitter.Folds("cases.csv", Patients(2, 2), 2, 1);
        Assert.Equal([0, 1], folds.Take(2).Order());
        Assert.Equal([0, 1], folds.Skip(2).Order());
    }

    [Theory]
    [InlineData(2, 3, "2 benign")]
    [InlineData(3, 2, "2 malignant")]
    public void Fewer_patients_of_a_class_than_folds_are_refused_naming_the_class(int benign, int malignant, string count)
    {
        var error = Assert.Throws<DatasetException>(() => PatientSplitter.Folds("cases.csv", Patients(benign, malignant), 3, 1));
        Assert.Equal($"cases.csv: {count} patient(s) are too few for 3 folds", error.Message);
    }

    [Fact]
    public void The_seeded_draw_does_not_depend_on_the_rows_order_and_is_pinned()
    {
        var items = Patients(4, 4);
        var (training, validation) = PatientSplitter.Split("cases.csv", items, 0.5, 3);
        var (_, reversed) = PatientSplitter.Split("cases.csv", [.. Enumerable.Reverse(items)], 0.5, 3);
        Assert.Equal(PatientsOf(validation), PatientsOf(reversed));
        Assert.Equal(["P_2", "P_4", "P_5", "P_7"], PatientsOf(validation));
        Assert.Equal(8, training.Count + validation.Count);

        var folds = PatientSplitter.Folds("cases.csv", items, 2, 3);
        Assert.Equal([0, 0, 1, 1, 0, 0, 1, 1], folds);
    }
}
