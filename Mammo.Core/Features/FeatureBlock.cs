namespace Mammo.Features;

/// <summary>One block of a <see cref="FeatureBundle"/>: a source pooled over a region by a statistic.</summary>
internal readonly record struct FeatureBlock(MapSource Source, MapRegion Region = MapRegion.Crop, PoolStatistic Statistic = PoolStatistic.Mean);
