using Mammo.Data;
using Mammo.Tests.Support;
using Mammo.Training;

namespace Mammo.Tests.Training;

/// <summary>The checks training makes before it starts, on a few hand-made rows.</summary>
public sealed class TrainingChecksTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private MassDataset Dataset(params (string Patient, string Pathology, bool WithRoi)[] rows)
    {
        var lines = new List<string>();
        foreach (var (patient, pathology, withRoi) in rows)
        {
            lines.Add(TestFiles.MassRow(patient: patient, pathology: pathology));
            if (withRoi)
            {
                TestFiles.WriteHdf5(directory.File($"{patient}_LEFT_CC_1.h5"), 64, 64, v => (byte)(v * 255));
            }
        }

        var csv = TestFiles.WriteText(directory, "cases.csv", TestFiles.Csv(TestFiles.MassHeader, [.. lines]));
        return MassDataset.Load(csv, directory.Path);
    }

    [Fact]
    public void A_dataset_without_any_roi_or_with_one_class_is_refused_before_training_with_the_reason()
    {
        var none = Dataset(("P_00001", "MALIGNANT", false), ("P_00002", "BENIGN", false));
        var e = Assert.Throws<DatasetException>(() => ClassifierTrainer.CheckTrainable(none));
        Assert.Contains("no row has a ROI file (2 left out; first: ", e.Message);
        Assert.Contains(none.Skipped[0].Reason, e.Message);

        var benign = Dataset(("P_00003", "BENIGN", true), ("P_00004", "BENIGN", true), ("P_00005", "MALIGNANT", false));
        Assert.Contains("all 2 usable rows are benign; training needs both classes", Assert.Throws<DatasetException>(() => ClassifierTrainer.CheckTrainable(benign)).Message);

        var malignant = Dataset(("P_00006", "MALIGNANT", true), ("P_00007", "BENIGN", false));
        Assert.Contains("all 1 usable rows are malignant", Assert.Throws<DatasetException>(() => ClassifierTrainer.CheckTrainable(malignant)).Message);

        var both = Dataset(("P_00008", "MALIGNANT", true), ("P_00009", "BENIGN", true));
        ClassifierTrainer.CheckTrainable(both);
    }

    [Fact]
    public void The_backbones_feature_length_decides_the_recipe_and_whether_training_is_nested()
    {
        Assert.Same(Mammo.Features.FeatureRecipe.Raw, ClassifierTrainer.RecipeOf(new BlockMeanBackbone()));
        Assert.True(ClassifierTrainer.IsNested(new MassClassifierOptions()));
        Assert.False(ClassifierTrainer.IsNested(new MassClassifierOptions { TrainingAugmentation = Augmentation.Dihedral }));
        Assert.False(ClassifierTrainer.IsNested(new MassClassifierOptions { TestTimeAugmentation = Augmentation.Dihedral }));
    }
}
