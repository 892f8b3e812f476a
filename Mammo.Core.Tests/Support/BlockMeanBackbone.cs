using Mammo.Backbone;
using Mammo.Preprocessing;

namespace Mammo.Tests.Support;

/// <summary>
/// A cheap, deterministic backbone for logic tests: the features are the means of a 4 x 4 grid of blocks of the first
/// channel, plus their spread. Real arithmetic on the real tensors, so crops, masks and transforms change the features;
/// it counts the tensors it is given, so tests can check that each ROI goes through the network once.
/// </summary>
internal sealed class BlockMeanBackbone : IFeatureBackbone
{
    private const int Grid = 4;
    private int tensors;

    public string Name => "block means (test)";

    public int FeatureLength => (Grid * Grid) + 1;

    public string Sha256 => "block-mean-test-backbone";

    public int Tensors => tensors;

    public float[] Featurize(ReadOnlySpan<float> input, ReadOnlySpan<Mammo.Features.LesionGeometry> geometries, int count)
    {
        Interlocked.Add(ref tensors, count);
        var features = new float[count * FeatureLength];
        const int block = RoiPreprocessor.Side / Grid;
        for (var n = 0; n < count; n++)
        {
            var tensor = input.Slice(n * RoiPreprocessor.TensorLength, RoiPreprocessor.Side * RoiPreprocessor.Side);
            var output = features.AsSpan(n * FeatureLength, FeatureLength);
            for (var y = 0; y < RoiPreprocessor.Side; y++)
            {
                for (var x = 0; x < RoiPreprocessor.Side; x++)
                {
                    output[((y / block) * Grid) + (x / block)] += tensor[(y * RoiPreprocessor.Side) + x] / (block * block * 255f);
                }
            }

            var means = output[..(Grid * Grid)];
            var mean = 0f;
            foreach (var m in means)
            {
                mean += m / means.Length;
            }

            var spread = 0f;
            foreach (var m in means)
            {
                spread += (m - mean) * (m - mean);
            }

            output[^1] = MathF.Sqrt(spread / means.Length);
        }

        return features;
    }
}
