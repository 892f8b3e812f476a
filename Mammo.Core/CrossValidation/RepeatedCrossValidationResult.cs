namespace Mammo.CrossValidation;

/// <summary>The repeats of a <see cref="RepeatedCrossValidation"/> and the mean and sample standard deviation of their AUCs.</summary>
internal sealed record RepeatedCrossValidationResult(IReadOnlyList<RepeatRun> Repeats)
{
    public double AucMean => Repeats.Average(r => r.Auc);

    /// <summary>Gets the sample standard deviation of the repeats' AUCs (0 for one repeat).</summary>
    public double AucSd
    {
        get
        {
            if (Repeats.Count < 2)
            {
                return 0;
            }

            var mean = AucMean;
            return Math.Sqrt(Repeats.Sum(r => (r.Auc - mean) * (r.Auc - mean)) / (Repeats.Count - 1));
        }
    }
}
