using Mammo.Backbone;
using Mammo.Features;

namespace Mammo.Tests.Features;

public sealed class FeatureRecipeTests
{
    private static StageOutputs Outputs(int seed)
    {
        var random = new Random(seed);
        float[] Fill(int n) => Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray();
        return new StageOutputs(1, Fill(512), Fill(ResNet18StageRunner.Stage3.Length), Fill(ResNet18StageRunner.Stage4.Length));
    }

    [Fact]
    public void Blocks_tile_the_bundle_without_overlap()
    {
        var blocks = from s in new[] { MapSource.Stage3, MapSource.Stage4 }
                     from r in Enum.GetValues<MapRegion>()
                     from t in Enum.GetValues<PoolStatistic>()
                     select FeatureBundle.Locate(new FeatureBlock(s, r, t));
        var covered = new int[FeatureBundle.Length];
        foreach (var (offset, length) in blocks.Append(FeatureBundle.Locate(new FeatureBlock(MapSource.Pooled))))
        {
            for (var i = offset; i < offset + length; i++)
            {
                covered[i]++;
            }
        }

        Assert.Equal(5120, FeatureBundle.Length);
        Assert.All(covered, c => Assert.Equal(1, c));
    }

    [Fact]
    public void The_bundle_holds_the_pooled_features_and_region_pools_of_the_maps()
    {
        var outputs = Outputs(1);
        var bundle = FeatureBundle.Build(outputs, 0, LesionGeometry.Assumed);
        Assert.Equal(outputs.Pooled, bundle[..512]);

        // The crop mean of stage 4 is the plain average of each 7 x 7 plane.
        var (offset, _) = FeatureBundle.Locate(new FeatureBlock(MapSource.Stage4, MapRegion.Crop, PoolStatistic.Mean));
        Assert.Equal(outputs.Stage4[..49].Average(), bundle[offset], 5);
        var (maxOffset, _) = FeatureBundle.Locate(new FeatureBlock(MapSource.Stage3, MapRegion.Lesion, PoolStatistic.Max));
        Assert.True(bundle[maxOffset] <= outputs.Stage3[..196].Max());
    }

    [Fact]
    public void Recipes_select_and_normalise_blocks()
    {
        var bundle = FeatureBundle.Build(Outputs(2), 0, LesionGeometry.Assumed);
        Assert.Equal(bundle[..512], FeatureRecipe.Pooled.Apply(bundle));
        var normalized = FeatureRecipe.PooledNormalized.Apply(bundle);
        Assert.Equal(1, Math.Sqrt(normalized.Sum(v => (double)v * v)), 5);
        Assert.Equal(3072, FeatureRecipe.LesionRing.Apply(bundle).Length);
        Assert.Equal(4608, FeatureRecipe.LesionRingCrop.Length);
        Assert.Same(FeatureRecipe.LesionRing, FeatureRecipe.Named(FeatureRecipe.LesionRing.Name));
        Assert.Throws<ArgumentException>(() => FeatureRecipe.Named("nonsense"));
        Assert.Throws<ArgumentException>(() => FeatureRecipe.Pooled.Apply(new float[10]));
    }
}
