using Mammo.CbisDdsm;
using Mammo.Data;
using Mammo.Rois;
using Mammo.Tests.Support;

namespace Mammo.Tests.Data;

/// <summary>
/// What a part of a dataset is called (its messages name it), and the checks <see cref="MassDataset.Load"/> makes before
/// it reads the CSV. The datasets are made in memory: no file is read.
/// </summary>
public sealed class MassDatasetNamingTests
{
    private static MassDataset Dataset(int benign, int malignant) => new(
        "cases.csv",
        RoiOptions.Default,
        InMemoryCases.OnePerPatient(benign, malignant),
        []);

    [Fact]
    public void The_parts_of_a_split_are_named_after_the_dataset()
    {
        var (training, validation) = Dataset(2, 2).SplitByPatient(0.5, 1);
        Assert.Equal("cases.csv (training part)", training.Name);
        Assert.Equal("cases.csv (validation part)", validation.Name);
        Assert.Equal(2, validation.Count);
        Assert.Equal(RoiOptions.Default, validation.RoiOptions);
        Assert.Empty(validation.Skipped);
    }

    [Fact]
    public void The_parts_of_each_fold_are_named_by_its_number_from_one()
    {
        var folds = Dataset(2, 2).PatientFolds(2, 1);
        Assert.Equal(
            ["cases.csv (fold 1 training part)", "cases.csv (fold 1 held-out part)", "cases.csv (fold 2 training part)", "cases.csv (fold 2 held-out part)"],
            folds.SelectMany(f => new[] { f.Training.Name, f.HeldOut.Name }));
    }

    [Fact]
    public void Null_paths_are_argument_errors_naming_the_parameter()
    {
        Assert.Equal("csvPath", Assert.Throws<ArgumentNullException>(() => MassDataset.Load(null!, "/no/such/rois")).ParamName);
        Assert.Equal("roiRoot", Assert.Throws<ArgumentNullException>(() => MassDataset.Load("/no/such/cases.csv", null!)).ParamName);
    }

    [Fact]
    public void Invalid_roi_options_are_refused_before_the_csv_is_read()
    {
        var error = Assert.Throws<ArgumentException>(() => MassDataset.Load("/no/such/cases.csv", "/no/such/rois", RoiOptions.Default with { DatasetName = "" }));
        Assert.Equal("DatasetName", error.ParamName);
    }
}
