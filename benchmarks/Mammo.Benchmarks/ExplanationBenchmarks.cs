using BenchmarkDotNet.Attributes;
using Mammo.Data;
using Mammo.Explanation;
using Mammo.Synthetic;
using Mammo.Training;

namespace Mammo.Benchmarks;

/// <summary>
/// The time per explanation (<see cref="MassClassifier.Explain(string, ExplanationOptions?, CancellationToken)"/>): the
/// ROI read and preprocessed, the prediction, and Grid x Grid + 1 images through the backbone and the head.
/// Run: dotnet run -c Release --project benchmarks/Mammo.Benchmarks -- --filter '*Explanation*'.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ExplanationBenchmarks
{
    private MassClassifier? model;
    private string roi = "";

    /// <summary>Gets or sets the patch positions per axis: 7 is the default, 8 the upper figure.</summary>
    [Params(7, 8)]
    public int Grid { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = SyntheticCbisDdsm.Generate(
            Path.Combine(Path.GetTempPath(), "mammo-benchmarks", "explain"), new SyntheticOptions { Cases = 60, Seed = 1, MinimumSide = 200, MaximumSide = 300 });
        var train = MassDataset.Load(data.Splits[0].CsvPath, data.RoiDirectory);
        model = MassClassifier.Train(train, new MassClassifierOptions { Seed = 1, FeatureCacheDirectory = null });
        roi = Path.Combine(data.RoiDirectory, train.Records[0].CaseKey + ".h5");
    }

    [Benchmark]
    public double Explain() => model!.Explain(roi, new ExplanationOptions { Grid = Grid }, CancellationToken.None).MaximumMagnitude;
}
