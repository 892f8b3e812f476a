using Mammo.CrossValidation;

namespace Mammo.Tests.CrossValidation;

/// <summary>The repeats' spread is computed in two passes (deviations from the mean), so values far from 0 keep their digits.</summary>
public sealed class SampleStandardDeviationTests
{
    [Fact]
    public void Values_close_together_far_from_zero_give_the_spread_of_their_differences()
    {
        // Deviations -0.1333, -0.0333, 0.1667 from the mean: sum of squares 0.046667, over n - 1 = 2, root 0.152753.
        // The one-pass form (sum of v^2 - n mean^2) cancels catastrophically here.
        Assert.Equal(0.152753, RepeatedCrossValidationResult.SampleStandardDeviation([1e8 + 0.1, 1e8 + 0.2, 1e8 + 0.4]), 1e-6);
        Assert.Equal(0.152753, RepeatedCrossValidationResult.SampleStandardDeviation([0.1, 0.2, 0.4]), 1e-6);
    }
}
