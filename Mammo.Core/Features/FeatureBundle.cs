using Mammo.Backbone;

namespace Mammo.Features;

/// <summary>
/// Everything one pass of the network yields for one ROI, pooled once: the 512 pooled features, then for stage 3 and
/// stage 4, for the lesion, the ring and the crop, the mean and the maximum of each channel (5,120 floats). Every
/// <see cref="FeatureRecipe"/> is a selection of these blocks, so a recipe never needs the network again, and this is
/// what the feature cache stores.
/// </summary>
internal static class FeatureBundle
{
    /// <summary>Bumped whenever the layout or the pooling changes (a feature-cache key part).</summary>
    public const string Version = "bundle-v1;ring=0.75-1.5;ellipse-of-box";

    private static readonly MapRegion[] Regions = [MapRegion.Lesion, MapRegion.Ring, MapRegion.Crop];
    private static readonly PoolStatistic[] Statistics = [PoolStatistic.Mean, PoolStatistic.Max];

    public static int Length { get; } =
        ResNet18Backbone.FeatureLength + (Regions.Length * Statistics.Length * (ResNet18StageRunner.Stage3.Channels + ResNet18StageRunner.Stage4.Channels));

    /// <summary>Returns where a block lies in the bundle (region and statistic are ignored for <see cref="MapSource.Pooled"/>).</summary>
    public static (int Offset, int Length) Locate(FeatureBlock block)
    {
        if (block.Source == MapSource.Pooled)
        {
            return (0, ResNet18Backbone.FeatureLength);
        }

        var offset = ResNet18Backbone.FeatureLength;
        if (block.Source == MapSource.Stage4)
        {
            offset += Regions.Length * Statistics.Length * ResNet18StageRunner.Stage3.Channels;
        }

        var channels = ShapeOf(block.Source).Channels;
        offset += ((Array.IndexOf(Regions, block.Region) * Statistics.Length) + Array.IndexOf(Statistics, block.Statistic)) * channels;
        return (offset, channels);
    }

    /// <summary>Pools one image's outputs into its bundle.</summary>
    public static float[] Build(StageOutputs outputs, int image, LesionGeometry geometry)
    {
        var bundle = new float[Length];
        outputs.PooledOf(image).CopyTo(bundle);
        foreach (var source in new[] { MapSource.Stage3, MapSource.Stage4 })
        {
            var shape = ShapeOf(source);
            var map = source == MapSource.Stage3 ? outputs.Stage3Of(image) : outputs.Stage4Of(image);
            foreach (var region in Regions)
            {
                var cells = MapRegions.Build(geometry, region, shape.Height, shape.Width);
                var (meanOffset, length) = Locate(new FeatureBlock(source, region, PoolStatistic.Mean));
                var (maxOffset, _) = Locate(new FeatureBlock(source, region, PoolStatistic.Max));
                RegionPooling.MeanMax(map, shape, cells, bundle.AsSpan(meanOffset, length), bundle.AsSpan(maxOffset, length));
            }
        }

        return bundle;
    }

    private static MapShape ShapeOf(MapSource source) => source switch
    {
        MapSource.Stage3 => ResNet18StageRunner.Stage3,
        MapSource.Stage4 => ResNet18StageRunner.Stage4,
        _ => new MapShape(ResNet18Backbone.FeatureLength, 1, 1),
    };
}
