namespace Mammo.Explanation;

/// <summary>The raw result of occluding one preprocessed tensor.</summary>
/// <param name="Baseline">The intact input's logit.</param>
/// <param name="FillValue">The patch's grey level, 0..1.</param>
/// <param name="Drops">The logit drop per position, row-major.</param>
/// <param name="Map">The drops spread over the 224 x 224 input.</param>
internal sealed record OcclusionResult(double Baseline, double FillValue, double[] Drops, float[] Map);
