using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mammo.Evaluation;

/// <summary>A 95% confidence interval from a bootstrap, with how many of its resamples could be used.</summary>
/// <param name="Lower">The 2.5th percentile.</param>
/// <param name="Upper">The 97.5th percentile.</param>
/// <remarks>
/// A resample that happens to hold one class only has no AUC and is left out of the percentiles; when many are left out
/// (few patients of one class), the interval rests on fewer resamples than asked for and is less trustworthy.
/// </remarks>
public sealed record ConfidenceInterval(double Lower, double Upper)
{
    /// <summary>Gets the number of resamples the percentiles were taken over (those holding both classes).</summary>
    public int UsableResamples { get; init; }

    /// <summary>Gets the number of resamples drawn.</summary>
    public int Resamples { get; init; }
}
