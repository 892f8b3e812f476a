namespace Mammo.CrossValidation;

/// <summary>The repeats of a <see cref="RepeatedCrossValidation"/> and the mean and sample standard deviation of their AUCs.</summary>
internal sealed record RepeatedCrossValidationResult(IReadOnlyList<RepeatRun> Repeats)
{
    public double AucMean => Repeats.Average(r => r.Auc);

    /// <summary>Gets the sample standard deviation of the repeats' AUCs (0 for one repeat).</summary>
    public double AucSd => SampleStandardDeviation([.. Repeats.Select(r => r.Auc)]);

    /// <summary>The sample standard deviation (divisor n - 1) of the values; 0 for fewer than two.</summary>
    public static double SampleStandardDeviation(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
