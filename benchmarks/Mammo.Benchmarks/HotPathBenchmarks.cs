using BenchmarkDotNet.Attributes;
using Mammo.Backbone;
using Mammo.Preprocessing;
using Mammo.Rois;
using Mammo.Synthetic;
using Mammo.Heads;
using Mammo.Training;
using Microsoft.ML;

namespace Mammo.Benchmarks;

/// <summary>The pieces every ROI goes through: HDF5 decode, preprocessing, one batch through the backbone, the head.</summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private string small = "";
    private string large = "";
    private RoiImage? largeRoi;
    private float[] batch = [];
    private float[] tensor = [];
    private List<float[]> features = [];
    private List<bool> labels = [];
    private MLContext ml = new(1);

    [Params(16)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var directory = Path.Combine(Path.GetTempPath(), "mammo-benchmarks");
        var small = SyntheticCbisDdsm.Generate(Path.Combine(directory, "small"), new SyntheticOptions { Cases = 8, Seed = 1, MinimumSide = 200, MaximumSide = 200 });
        var large = SyntheticCbisDdsm.Generate(Path.Combine(directory, "large"), new SyntheticOptions { Cases = 8, Seed = 1, MinimumSide = 1000, MaximumSide = 1000 });
        this.small = Directory.GetFiles(small.RoiDirectory, "*.h5")[0];
        this.large = Directory.GetFiles(large.RoiDirectory, "*.h5")[0];
        largeRoi = RoiReader.Read(this.large, RoiOptions.Default);
        tensor = new float[RoiPreprocessor.TensorLength];
        batch = new float[BatchSize * RoiPreprocessor.TensorLength];
        for (var i = 0; i < BatchSize; i++)
        {
            RoiPreprocessor.Preprocess(largeRoi, RoiOptions.Default, 0, batch.AsSpan(i * RoiPreprocessor.TensorLength, RoiPreprocessor.TensorLength));
        }

        var random = new Random(1);
        features = Enumerable.Range(0, 240).Select(_ => Enumerable.Range(0, ResNet18Backbone.FeatureLength).Select(_ => (float)random.NextDouble()).ToArray()).ToList();
        labels = Enumerable.Range(0, 240).Select(i => i % 2 == 0).ToList();
        _ = ResNet18Backbone.Shared;
    }

    [Benchmark]
    public int DecodeHdf5_200px() => RoiReader.Read(small, RoiOptions.Default).Width;

    [Benchmark]
    public int DecodeHdf5_1000px() => RoiReader.Read(large, RoiOptions.Default).Width;

    [Benchmark]
    public float[] Preprocess_1000px()
    {
        RoiPreprocessor.Preprocess(largeRoi!, RoiOptions.Default, 0, tensor);
        return tensor;
    }

    [Benchmark]
    public float[] BackboneBatch() => ResNet18Backbone.Shared.Featurize(batch, BatchSize);

    [Benchmark]
    public ITransformer HeadTraining_240x512() => HeadPipeline.Fit(ml, HeadTrainer.LbfgsLogisticRegression, 1, features, labels, balance: false);
}
