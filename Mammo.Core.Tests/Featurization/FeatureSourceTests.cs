using Mammo.Backbone;
using Mammo.Featurization;
using Mammo.Preprocessing;
using Mammo.Rois;
using Mammo.Tests.Support;

namespace Mammo.Tests.Featurization;

public sealed class FeatureSourceTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Adding_a_mask_beside_a_png_changes_the_features_a_warm_cache_returns()
    {
        var crop = TestFiles.WritePng(directory.File("P_00001_LEFT_CC_1.png"), 96, 96, 8);
        var backbone = new BlockMeanBackbone();
        FeaturizedSet<string> Run() => FeatureSource.Create(backbone, RoiOptions.Default, directory.File("cache"))
            .Featurize([crop], p => p, [0], false, null, default);
        var whole = Run().Vector(0, 0);
        Assert.Equal(whole, Run().Vector(0, 0));
        Assert.Equal(1, backbone.Tensors);

        // With a mask the crop is centred on the lesion: the cache must not hand back the whole-crop features.
        TestFiles.WritePngMask(directory.File("P_00001_LEFT_CC_1_mask.png"), 96, 96, 60, 80);
        var masked = Run().Vector(0, 0);
        Assert.NotEqual(whole, masked);
        Assert.Equal(Uncached(backbone, crop), masked);
        File.Delete(directory.File("P_00001_LEFT_CC_1_mask.png"));
        Assert.Equal(whole, Run().Vector(0, 0));
    }

    [Fact]
    public void All_transforms_of_a_roi_come_from_one_pass_and_match_single_featurisation()
    {
        var paths = SmallSynthetic.Test.Records.Take(3).Select(r => Path.Combine(SmallSynthetic.Data.RoiDirectory, r.CaseKey + ".h5")).ToList();
        var backbone = new BlockMeanBackbone();
        var all = Enumerable.Range(0, RoiPreprocessor.DihedralCount).ToArray();
        var cache = directory.File("cache");
        var set = FeatureSource.Create(backbone, RoiOptions.Default, cache).Featurize(paths, p => p, all, false, null, default);
        Assert.Equal(paths.Count * all.Length, backbone.Tensors);
        for (var i = 0; i < paths.Count; i++)
        {
            var single = new FeatureSource(backbone, RoiOptions.Default, null).Featurize(RoiReader.Read(paths[i], RoiOptions.Default), all);
            for (var t = 0; t < all.Length; t++)
            {
                Assert.Equal(single[t], set.Vector(i, t));
            }
        }

        // Warm: nothing reaches the network, and a subset of the transforms is served from the same entries.
        var before = backbone.Tensors;
        var warm = FeatureSource.Create(backbone, RoiOptions.Default, cache).Featurize(paths, p => p, [0, 5], false, null, default);
        Assert.Equal(before, backbone.Tensors);
        Assert.Equal(set.Vector(2, 5), warm.Vector(2, 5));
    }

    [Fact]
    public void Unusable_rois_are_reported_with_their_case_or_stop_the_run()
    {
        var good = TestFiles.WriteHdf5(directory.File("good.h5"), 64, 64, v => (byte)(v * 255));
        var bad = TestFiles.WriteText(directory, "bad.h5", "garbage");
        var source = new FeatureSource(new BlockMeanBackbone(), RoiOptions.Default, null, batchSize: 1);
        var set = source.Featurize([good, bad, good], p => p, [0], true, null, default);
        Assert.Equal([good, good], set.Cases);
        Assert.Equal(bad, Assert.Single(set.Failures).Case);
        Assert.Equal(set.Vector(0, 0), set.Vector(1, 0));
        Assert.Contains("bad.h5", Assert.Throws<RoiFormatException>(() => source.Featurize([good, bad], p => p, [0], false, null, default)).Message);
    }

    private static float[] Uncached(IFeatureBackbone backbone, string path) =>
        new FeatureSource(backbone, RoiOptions.Default, null).Featurize(RoiReader.Read(path, RoiOptions.Default), [0])[0];
}
