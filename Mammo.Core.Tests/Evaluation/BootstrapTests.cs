using Mammo.Evaluation;

namespace Mammo.Tests.Evaluation;

/// <summary>
/// The AUC interval resamples whole patients: a patient's rows move together, so copying every row of a patient
/// changes nothing, while the same rows as independent patients give a much narrower interval.
/// </summary>
public sealed class BootstrapTests
{
    // 24 patients; the malignant ones score higher on average, with overlap (AUC about 0.8).
    private static List<(bool Malignant, double Score)> Patients()
    {
        var random = new Random(21);
        return Enumerable.Range(0, 24)
            .Select(p => (p % 3 == 0, Math.Round(random.NextDouble() + (p % 3 == 0 ? 0.6 : 0), 4)))
            .ToList();
    }

    private static List<ScoredCase> Rows(int rowsPerPatient, bool rowsArePatients) =>
        Patients().SelectMany((patient, p) => Enumerable.Range(0, rowsPerPatient).Select(r =>
        {
            var patientId = rowsArePatients ? $"P{p}-{r}" : $"P{p}";
            return new ScoredCase($"P{p}_LEFT_CC_{r + 1}", patientId, $"P{p}_LEFT_{r + 1}", patient.Malignant, patient.Score);
        })).ToList();

    [Fact]
    public void Copying_every_row_of_a_patient_leaves_the_interval_unchanged()
    {
        var one = MetricsCalculator.BootstrapAuc(Rows(1, rowsArePatients: false), 400, 5);
        var ten = MetricsCalculator.BootstrapAuc(Rows(10, rowsArePatients: false), 400, 5);
        Assert.Equal(one.Lower, ten.Lower, 9);
        Assert.Equal(one.Upper, ten.Upper, 9);
        Assert.True(one.Upper - one.Lower > 0.15, $"24 patients give a wide interval: {one}");
    }

    [Fact]
    public void Rows_of_one_patient_are_not_resampled_as_if_independent()
    {
        var clustered = MetricsCalculator.BootstrapAuc(Rows(10, rowsArePatients: false), 400, 5);
        var independent = MetricsCalculator.BootstrapAuc(Rows(10, rowsArePatients: true), 400, 5);
        var clusteredWidth = clustered.Upper - clustered.Lower;
        var independentWidth = independent.Upper - independent.Lower;
        Assert.True(clusteredWidth > 2 * independentWidth, $"patient resampling {clustered} vs row resampling {independent}");
    }

    [Fact]
    public void The_interval_brackets_the_auc_and_follows_its_seed()
    {
        var rows = Rows(2, rowsArePatients: false);
        var auc = RocAnalysis.Auc(rows.Select(r => r.Probability).ToList(), rows.Select(r => r.IsMalignant).ToList());
        var interval = MetricsCalculator.BootstrapAuc(rows, 400, 5);
        Assert.InRange(auc, interval.Lower, interval.Upper);
        Assert.InRange(interval.Lower, 0, auc - 0.02);
        Assert.InRange(interval.Upper, auc + 0.02, 1);
        Assert.Equal(interval, MetricsCalculator.BootstrapAuc(rows, 400, 5));
        Assert.NotEqual(interval, MetricsCalculator.BootstrapAuc(rows, 400, 6));
    }

    [Fact]
    public void Perfect_separation_gives_an_interval_of_one_and_undefined_cases_give_nan()
    {
        var separated = Enumerable.Range(0, 12)
            .Select(p => new ScoredCase($"C{p}", $"P{p}", $"L{p}", p % 2 == 0, p % 2 == 0 ? 0.9 : 0.1)).ToList();
        var perfect = MetricsCalculator.BootstrapAuc(separated, 200, 1);
        Assert.Equal((1.0, 1.0), (perfect.Lower, perfect.Upper));
        Assert.Equal(200, perfect.Resamples);

        var none = MetricsCalculator.BootstrapAuc(separated, 0, 1);
        Assert.True(double.IsNaN(none.Lower) && double.IsNaN(none.Upper));

        // One patient cannot be resampled meaningfully, whatever her row count.
        var onePatient = separated.Select(c => c with { PatientId = "P0" }).ToList();
        var single = MetricsCalculator.BootstrapAuc(onePatient, 200, 1);
        Assert.True(double.IsNaN(single.Lower) && double.IsNaN(single.Upper));

        // A single class in every resample: no AUC anywhere.
        var benign = separated.Select(c => c with { IsMalignant = false }).ToList();
        var undefined = MetricsCalculator.BootstrapAuc(benign, 200, 1);
        Assert.True(double.IsNaN(undefined.Lower) && double.IsNaN(undefined.Upper));
    }

    [Fact]
    public void Percentiles_interpolate_between_resamples()
    {
        // Two patients, one per class, opposite to their labels: every usable resample has AUC 0, others are unusable.
        var reversed = new List<ScoredCase>
        {
            new("A", "P1", "L1", true, 0.2), new("B", "P2", "L2", false, 0.8),
        };
        var interval = MetricsCalculator.BootstrapAuc(reversed, 200, 3);
        Assert.Equal((0.0, 0.0), (interval.Lower, interval.Upper));
        Assert.Equal(200, interval.Resamples);
        Assert.InRange(interval.UsableResamples, 1, 199);

        // Three patients: AUC 1 (both classes present, well ordered) or 0.5 (a tie) - the interval spans them.
        var mixed = new List<ScoredCase>
        {
            new("A", "P1", "L1", true, 0.9), new("B", "P2", "L2", false, 0.1), new("C", "P3", "L3", false, 0.9),
        };
        var spread = MetricsCalculator.BootstrapAuc(mixed, 500, 3);
        Assert.Equal(0.5, spread.Lower, 9);
        Assert.Equal(1.0, spread.Upper, 9);
    }
}
