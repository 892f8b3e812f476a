namespace Mammo.Features;

/// <summary>How a region of a feature map is reduced to one value per channel.</summary>
internal enum PoolStatistic
{
    /// <summary>The mean over the region's cells.</summary>
    Mean,

    /// <summary>The maximum over the region's cells.</summary>
    Max,
}
