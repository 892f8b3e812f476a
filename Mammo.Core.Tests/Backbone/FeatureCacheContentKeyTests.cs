using Mammo.Featurization;
using Mammo.Rois;
using Mammo.Tests.Support;

namespace Mammo.Tests.Backbone;

public sealed class FeatureCacheContentKeyTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void New_content_of_the_same_size_and_time_gives_new_features_and_a_copy_elsewhere_hits_the_cache()
    {
        // Uncompressed, so both contents have exactly the same size; only the pixel values differ.
        var roi = TestFiles.WriteHdf5(directory.File("P_00001_LEFT_CC_1.h5"), 80, 72, v => (byte)(v * 255), withMask: false, gzip: false);
        var stamp = File.GetLastWriteTimeUtc(roi);
        var backbone = new BlockMeanBackbone();
        var cache = directory.File("cache");
        float[] Cached(string path) => FeatureSource.Create(backbone, RoiOptions.Default, cache).Featurize([path], p => p, [0], false, null, default).Vector(0, 0);

        var old = Cached(roi);
        Assert.Equal(old, Cached(roi));
        Assert.Equal(1, backbone.Tensors);

        var size = new FileInfo(roi).Length;
        TestFiles.WriteHdf5(roi, 80, 72, v => (byte)(255 - (v * 255)), withMask: false, gzip: false);
        File.SetLastWriteTimeUtc(roi, stamp);
        Assert.Equal(size, new FileInfo(roi).Length);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(roi));

        var expected = new FeatureSource(new BlockMeanBackbone(), RoiOptions.Default, null).Featurize(RoiReader.Read(roi, RoiOptions.Default), [0])[0];
        Assert.NotEqual(old, expected);
        Assert.Equal(expected, Cached(roi));
        Assert.Equal(2, backbone.Tensors);

        // The key is the content, not the path: a byte-identical copy elsewhere never reaches the network.
        var copy = Directory.CreateDirectory(directory.File("elsewhere")).FullName;
        var copied = Path.Combine(copy, "P_00002_RIGHT_MLO_1.h5");
        File.Copy(roi, copied);
        var counting = new BlockMeanBackbone();
        var fromCopy = FeatureSource.Create(counting, RoiOptions.Default, cache).Featurize([copied], p => p, [0], false, null, default).Vector(0, 0);
        Assert.Equal(0, counting.Tensors);
        Assert.Equal(expected, fromCopy);
    }
}
