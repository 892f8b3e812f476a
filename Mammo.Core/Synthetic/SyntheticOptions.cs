namespace Mammo.Synthetic;

/// <summary>Settings of the synthetic CBIS-DDSM generator.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Option</term><description>Default and meaning</description></listheader>
/// <item><term><see cref="Cases"/></term><description>600 lesions (each seen in one or two views, so about 1.7 rows each)</description></item>
/// <item><term><see cref="Seed"/></term><description>42: the same seed gives byte-identical CSVs and pixel-identical ROIs</description></item>
/// <item><term><see cref="TestFraction"/></term><description>0.25 of the patients go to the test CSV (patient-disjoint)</description></item>
/// <item><term><see cref="MinimumSide"/>, <see cref="MaximumSide"/></term><description>160 and 400 pixels: each crop's width and height are drawn between them</description></item>
/// </list>
/// </remarks>
public sealed record SyntheticOptions
{
    /// <summary>Gets the number of lesions to generate. Default 600.</summary>
    public int Cases { get; init; } = 600;

    /// <summary>Gets the seed of every random choice. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Gets the fraction of patients written to the test CSV. Default 0.25.</summary>
    public double TestFraction { get; init; } = 0.25;

    /// <summary>Gets the smallest crop side in pixels. Default 160.</summary>
    public int MinimumSide { get; init; } = 160;

    /// <summary>Gets the largest crop side in pixels. Default 400.</summary>
    public int MaximumSide { get; init; } = 400;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Cases, 8, nameof(Cases));
        if (!(TestFraction > 0 && TestFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(TestFraction), TestFraction, "The test fraction must lie strictly between 0 and 1.");
        }

        if (MinimumSide < 64 || MaximumSide < MinimumSide || MaximumSide > 2048)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumSide), "Crop sides must satisfy 64 <= minimum <= maximum <= 2048.");
        }
    }
}
