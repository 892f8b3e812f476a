using Mammo.Heads;

namespace Mammo.Tests.Heads;

/// <summary>
/// Platt scaling against an independent fit: A and B below come from Mammo.Core.Tests/Heads/known_answers.py (plain
/// Python, Newton's method on the same smoothed targets run to machine precision), not from this code.
/// </summary>
public sealed class PlattScalingKnownAnswerTests
{
    [Fact]
    public void Six_held_out_scores_give_the_independently_computed_slope_and_offset()
    {
        // Ranked but not separated: 0.55 is malignant, 0.6 benign. Targets 4/5 and 1/5 (three of each class).
        var fit = PlattScaling.Fit([0.2, 0.4, 0.55, 0.6, 0.7, 0.9], [false, false, true, false, true, true]);
        Assert.Equal(0.9122536749837018, fit.A, 1e-9);
        Assert.Equal(-0.2691458303669684, fit.B, 1e-9);
    }

    [Fact]
    public void Saturated_scores_give_the_independently_computed_slope_and_offset()
    {
        // Scores at the clamp (1e-7 and 1 - 1e-7, logits of about -16.1 and 16.1), one wrong of five.
        var fit = PlattScaling.Fit([1e-9, 1e-9, 1 - 1e-9, 1 - 1e-9, 0.5], [false, false, true, true, false]);
        Assert.Equal(0.0799367147269676, fit.A, 1e-9);
        Assert.Equal(-0.43321195664468537, fit.B, 1e-9);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void One_class_keeps_the_identity_even_when_its_scores_spread(bool malignant)
    {
        // From the base-rate start the Newton step of a one-class fit is not exactly zero: only the early return keeps A = 1.
        Assert.Equal(PlattScaling.Identity, PlattScaling.Fit([0.05, 0.3, 0.61, 0.97], [malignant, malignant, malignant, malignant]));
        Assert.Equal(PlattScaling.Identity, PlattScaling.Fit([0.2, 0.9, 0.4], [malignant, malignant, malignant]));
    }

    [Fact]
    public void Scores_that_all_equal_one_half_carry_no_ranking_and_keep_the_identity()
    {
        // Every logit is 0: the slope's gradient is 0 and A stays exactly 0, which is no calibration (it would map every
        // score to one value), so the identity is kept.
        Assert.Equal(PlattScaling.Identity, PlattScaling.Fit([0.5, 0.5, 0.5, 0.5], [true, false, false, true]));
    }
}
