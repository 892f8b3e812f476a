using Mammo.Backbone;
using Mammo.Featurization;
using Mammo.Rois;
using Mammo.Tests.Support;

namespace Mammo.Tests.Featurization;

public sealed class FeatureSourceCancellationTests : IDisposable
{
    private const int Rois = 16;
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    // 16 ROIs make 4 or 8 batches, so stopping within one more batch is told apart from running to the end. Small
    // batches keep the test cheap where every preprocessing step is dear (a mutation run's instrumented build).
    [Theory]
    [InlineData(4, true)]
    [InlineData(4, false)]
    [InlineData(2, true)]
    [InlineData(2, false)]
    public void Cancelling_after_the_first_batch_stops_within_one_more_batch(int batchSize, bool fromBackbone)
    {
        var files = Enumerable.Range(0, 4)
            .Select(i => TestFiles.WriteHdf5(directory.File($"P_0000{i}_LEFT_CC_1.h5"), 64 + (8 * i), 64, v => (byte)(v * 255), gzip: false))
            .ToArray();
        var paths = Enumerable.Range(0, Rois).Select(i => files[i % files.Length]).ToList();
        using var cancel = new CancellationTokenSource();
        var backbone = new CountingBackbone(fromBackbone ? cancel.Cancel : () => { });
        var progress = new SyncProgress(() =>
        {
            if (!fromBackbone)
            {
                cancel.Cancel();
            }
        });
        var source = new FeatureSource(backbone, RoiOptions.Default, null, batchSize);

        Assert.ThrowsAny<OperationCanceledException>(() => source.Featurize(paths, p => p, [0], false, progress, cancel.Token));
        Assert.InRange(backbone.Tensors, batchSize, 2 * batchSize);
        Assert.InRange(progress.Reports, 0, 2);
    }

    [Fact]
    public void A_token_cancelled_before_the_run_featurises_nothing()
    {
        var file = TestFiles.WriteHdf5(directory.File("P_00001_LEFT_CC_1.h5"), 64, 64, v => (byte)(v * 255));
        var backbone = new CountingBackbone(() => { });
        var source = new FeatureSource(backbone, RoiOptions.Default, null, 16);
        Assert.ThrowsAny<OperationCanceledException>(() => source.Featurize(Enumerable.Repeat(file, Rois).ToList(), p => p, [0], false, null, new CancellationToken(true)));
        Assert.Equal(0, backbone.Tensors);
    }

    /// <summary>Block means that run an action after each network call, as a user pressing Ctrl+C mid-run would.</summary>
    private sealed class CountingBackbone(Action afterCall) : IFeatureBackbone
    {
        private readonly BlockMeanBackbone inner = new();

        public string Name => inner.Name;

        public int FeatureLength => inner.FeatureLength;

        public string Sha256 => inner.Sha256;

        public int Tensors => inner.Tensors;

        public float[] Featurize(ReadOnlySpan<float> tensors, ReadOnlySpan<Mammo.Features.LesionGeometry> geometries, int count)
        {
            var features = inner.Featurize(tensors, geometries, count);
            afterCall();
            return features;
        }
    }

    /// <summary>Reports on the calling thread (unlike <see cref="Progress{T}"/>, which posts), so the count is exact.</summary>
    private sealed class SyncProgress(Action onReport) : IProgress<MassProgress>
    {
        public int Reports { get; private set; }

        public void Report(MassProgress value)
        {
            Reports++;
            onReport();
        }
    }
}
