using System.Security.Cryptography;
using System.Text.Json;
using Mammo.CbisDdsm;
using Mammo.Synthetic;
using Mammo.Tests.Support;

namespace Mammo.Tests.Synthetic;

public sealed class SyntheticCbisDdsmTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static Dictionary<string, string> Hashes(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public void The_same_seed_gives_identical_files_and_another_seed_differs()
    {
        var options = new SyntheticOptions { Cases = 20, Seed = 9, MinimumSide = 80, MaximumSide = 120 };
        SyntheticCbisDdsm.Generate(directory.File("a"), options);
        SyntheticCbisDdsm.Generate(directory.File("b"), options);
        SyntheticCbisDdsm.Generate(directory.File("c"), options with { Seed = 10 });
        Assert.Equal(Hashes(directory.File("a")), Hashes(directory.File("b")));
        Assert.NotEqual(Hashes(directory.File("a")), Hashes(directory.File("c")));
    }

    [Fact]
    public void Output_reads_back_patient_disjoint_with_a_roi_per_row_and_a_summary()
    {
        var dataset = SmallSynthetic.Data;
        var train = CaseDescriptionReader.Read(dataset.Splits[0].CsvPath);
        var test = CaseDescriptionReader.Read(dataset.Splits[1].CsvPath);
        Assert.Empty(train.Select(r => r.PatientId).Intersect(test.Select(r => r.PatientId)));
        Assert.All(train.Concat(test), r => Assert.True(File.Exists(Path.Combine(dataset.RoiDirectory, r.CaseKey + ".h5"))));
        Assert.Contains(train, r => r.View == ImageView.MLO);
        Assert.Equal(train.Count, dataset.Splits[0].Rows);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dataset.Directory, SyntheticCbisDdsm.SummaryFileName)));
        Assert.True(summary.RootElement.GetProperty("synthetic").GetBoolean());
        Assert.Equal(2, summary.RootElement.GetProperty("splits").GetArrayLength());
    }

    [Fact]
    public void Oracle_auc_at_the_defaults_is_between_085_and_095_and_the_label_mix_is_like_cbis()
    {
        // Rendering is skipped here: the oracle depends on the drawn metadata only, so use tiny crops.
        var dataset = SyntheticCbisDdsm.Generate(directory.File("d"), new SyntheticOptions { MinimumSide = 64, MaximumSide = 64 });
        foreach (var split in dataset.Splits)
        {
            Assert.InRange(split.OracleAuc, 0.85, 0.95);
        }

        var statistics = DatasetStatistics.Compute(CaseDescriptionReader.Read(dataset.Splits[0].CsvPath));
        Assert.InRange(statistics.MalignantFraction, 0.35, 0.6);
        Assert.True(statistics.BenignWithoutCallback > 0);
    }

    [Fact]
    public void Renders_one_roi_per_row_of_a_given_csv()
    {
        var csv = TestFiles.WriteText(directory, "given.csv", TestFiles.Csv(
            TestFiles.MassHeader,
            TestFiles.MassRow(),
            TestFiles.MassRow(view: "MLO"),
            TestFiles.MassRow(patient: "P_00002", margins: "CIRCUMSCRIBED", shape: "OVAL", pathology: "BENIGN")));
        var dataset = SyntheticCbisDdsm.RenderFromCsv([csv], directory.File("r"), new SyntheticOptions { MinimumSide = 64, MaximumSide = 96 });
        Assert.Equal(3, Directory.GetFiles(dataset.RoiDirectory, "*.h5").Length);
        Assert.Equal(1.0, dataset.Splits[0].OracleAuc);
    }

    [Fact]
    public void Rendering_the_official_csvs_gives_cbis_sized_data()
    {
        var csv = SharedData.Require("cbis-ddsm/mass_case_description_test_set.csv");
        var dataset = SyntheticCbisDdsm.RenderFromCsv([csv], directory.File("o"), new SyntheticOptions { MinimumSide = 64, MaximumSide = 64 });
        Assert.Equal(378, Directory.GetFiles(dataset.RoiDirectory, "*.h5").Length);
        Assert.InRange(dataset.Splits[0].OracleAuc, 0.8, 0.97);
    }
}
