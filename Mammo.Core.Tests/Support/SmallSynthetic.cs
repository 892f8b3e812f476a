using Mammo.Data;
using Mammo.Synthetic;
using Mammo.Training;

namespace Mammo.Tests.Support;

/// <summary>
/// One small synthetic dataset and one classifier trained on it, made once per test run and shared by the tests that
/// only need "a trained model" (determinism, persistence, concurrency, the CLI).
/// </summary>
public static class SmallSynthetic
{
    // The data and the model are made apart: tests of logic on a cheap backbone need the files, not the ResNet18 model.
    private static readonly Lazy<(SyntheticDataset Data, MassDataset Train, MassDataset Test)> Shared = new(Create);
    private static readonly Lazy<MassClassifier> SharedModel = new(() => MassClassifier.Train(Train, Options));

    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "mammo-tests", "small-synthetic-" + Environment.ProcessId);

    public static string CacheDirectory => Path.Combine(Root, "feature-cache");

    public static SyntheticDataset Data => Shared.Value.Data;

    public static MassDataset Train => Shared.Value.Train;

    public static MassDataset Test => Shared.Value.Test;

    public static MassClassifier Model => SharedModel.Value;

    public static MassClassifierOptions Options => new() { Seed = 3, FeatureCacheDirectory = CacheDirectory };

    private static (SyntheticDataset, MassDataset, MassDataset) Create()
    {
        // The data is made once per test process and removed when it ends.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        };

        var data = SyntheticCbisDdsm.Generate(Path.Combine(Root, "data"), new SyntheticOptions { Cases = 90, Seed = 11, MinimumSide = 96, MaximumSide = 160 });
        var train = MassDataset.Load(data.Splits[0].CsvPath, data.RoiDirectory);
        var test = MassDataset.Load(data.Splits[1].CsvPath, data.RoiDirectory);
        return (data, train, test);
    }
}
