using Mammo.CbisDdsm;

namespace Mammo.Tests.CbisDdsm;

/// <summary>The majority class, its baseline accuracy and the malignant fraction on hand-made records, ties and no rows included.</summary>
public sealed class DatasetStatisticsBaselineTests
{
    private static CaseRecord Row(string patient, Pathology pathology) => new()
    {
        PatientId = patient,
        Side = BreastSide.Left,
        View = ImageView.CC,
        AbnormalityId = 1,
        AbnormalityType = AbnormalityType.Mass,
        BreastDensity = 2,
        Assessment = 4,
        Pathology = pathology,
        Subtlety = 3,
    };

    [Fact]
    public void Three_malignant_rows_of_four_make_malignant_the_majority()
    {
        var statistics = DatasetStatistics.Compute(
            [Row("P_1", Pathology.Malignant), Row("P_2", Pathology.Malignant), Row("P_3", Pathology.Malignant), Row("P_4", Pathology.BenignWithoutCallback)]);
        Assert.Equal("MALIGNANT", statistics.MajorityClass);
        Assert.Equal(0.75, statistics.MalignantFraction);
        Assert.Equal(0.75, statistics.MajorityBaselineAccuracy);
    }

    [Fact]
    public void A_tie_makes_benign_the_majority()
    {
        var statistics = DatasetStatistics.Compute([Row("P_1", Pathology.Malignant), Row("P_2", Pathology.Benign)]);
        Assert.Equal("BENIGN", statistics.MajorityClass);
        Assert.Equal(0.5, statistics.MalignantFraction);
        Assert.Equal(0.5, statistics.MajorityBaselineAccuracy);
    }

    [Fact]
    public void No_rows_give_zero_fractions_not_nan()
    {
        var statistics = DatasetStatistics.Compute([]);
        Assert.Equal(0, statistics.Rows);
        Assert.Equal(0.0, statistics.MalignantFraction);
        Assert.Equal(0.0, statistics.MajorityBaselineAccuracy);
        Assert.Equal("BENIGN", statistics.MajorityClass);
    }

    [Fact]
    public void A_lazy_sequence_is_counted_like_a_list()
    {
        var rows = new[] { Row("P_1", Pathology.Malignant), Row("P_1", Pathology.Benign) with { AbnormalityId = 2 } };
        Assert.Equal(DatasetStatistics.Compute(rows), DatasetStatistics.Compute(rows.Select(r => r)));
    }

    [Fact]
    public void Null_records_are_an_argument_error()
    {
        Assert.Equal("records", Assert.Throws<ArgumentNullException>(() => DatasetStatistics.Compute(null!)).ParamName);
    }
}
