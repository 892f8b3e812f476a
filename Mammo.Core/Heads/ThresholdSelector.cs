using Mammo.Evaluation;

using Mammo.Training;

namespace Mammo.Heads;

/// <summary>Chooses the operating threshold on validation scores.</summary>
internal static class ThresholdSelector
{
    /// <exception cref="ArgumentException">A validation score is NaN or infinite (no threshold can be chosen from it).</exception>
    public static double Choose(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, ThresholdPolicy policy, double targetSensitivity)
    {
        RocAnalysis.CheckScores(scores, labels);
        var curve = RocAnalysis.Curve(scores, labels).Where(p => !double.IsInfinity(p.Threshold)).ToList();
        if (curve.Count == 0)
        {
            return 0.5;
        }

        return policy switch
        {
            ThresholdPolicy.YoudenJ => curve.MaxBy(p => p.TruePositiveRate - p.FalsePositiveRate)!.Threshold,
            ThresholdPolicy.TargetSensitivity => curve.FirstOrDefault(p => p.TruePositiveRate >= targetSensitivity)?.Threshold ?? curve[^1].Threshold,
            _ => throw new ArgumentOutOfRangeException(nameof(policy)),
        };
    }
}
