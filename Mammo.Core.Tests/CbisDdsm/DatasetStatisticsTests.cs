using Mammo.CbisDdsm;
using Mammo.Tests.Support;

namespace Mammo.Tests.CbisDdsm;

public sealed class DatasetStatisticsTests
{
    [Fact]
    public void Counts_lesions_once_across_views_and_benign_without_callback_as_benign()
    {
        var records = CaseDescriptionReader.Read(new StringReader(TestFiles.Csv(
            TestFiles.MassHeader,
            TestFiles.MassRow(),
            TestFiles.MassRow(view: "MLO"),
            TestFiles.MassRow(patient: "P_00002", pathology: "BENIGN_WITHOUT_CALLBACK"),
            TestFiles.MassRow(patient: "P_00003", pathology: "BENIGN"),
            TestFiles.MassRow(patient: "P_00003", id: 2, pathology: "BENIGN"))), "s.csv");

        var statistics = DatasetStatistics.Compute(records);

        Assert.Equal(5, statistics.Rows);
        Assert.Equal(3, statistics.Patients);
        Assert.Equal(4, statistics.Lesions);
        Assert.Equal(2, statistics.Malignant);
        Assert.Equal(3, statistics.Benign);
        Assert.Equal(1, statistics.BenignWithoutCallback);
        Assert.Equal("BENIGN", statistics.MajorityClass);
        Assert.Equal(0.6, statistics.MajorityBaselineAccuracy, 10);
    }

    [Fact]
    public void Official_training_file_has_782_lesions()
    {
        var path = SharedData.Require("cbis-ddsm/mass_case_description_train_set.csv");
        Assert.Equal(782, DatasetStatistics.Compute(CaseDescriptionReader.Read(path)).Lesions);
    }
}
