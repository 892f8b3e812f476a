using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mammo.Evaluation;

/// <summary>A 95% confidence interval.</summary>
/// <param name="Lower">The 2.5th percentile.</param>
/// <param name="Upper">The 97.5th percentile.</param>
public sealed record ConfidenceInterval(double Lower, double Upper);
