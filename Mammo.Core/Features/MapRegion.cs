namespace Mammo.Features;

/// <summary>Where in a feature map a block is pooled (see <see cref="MapRegions"/>).</summary>
internal enum MapRegion
{
    /// <summary>Cells whose centre lies inside the lesion.</summary>
    Lesion,

    /// <summary>Cells in a band around the lesion's border, inside and out: the margin, where spiculation shows.</summary>
    Ring,

    /// <summary>Every cell of the crop.</summary>
    Crop,
}
