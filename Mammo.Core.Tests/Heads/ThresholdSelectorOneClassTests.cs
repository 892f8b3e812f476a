using Mammo.Heads;
using Mammo.Training;

namespace Mammo.Tests.Heads;

/// <summary>The target-sensitivity policy when no threshold reaches the target: validation scores of benign rows only.</summary>
public sealed class ThresholdSelectorOneClassTests
{
    [Fact]
    public void Without_a_malignant_row_no_threshold_reaches_the_target_and_the_lowest_score_is_taken()
    {
        // No positives: every point's sensitivity is 0, below any target, so the curve's last (lowest) threshold is used.
        Assert.Equal(0.2, ThresholdSelector.Choose([0.7, 0.2, 0.4], [false, false, false], ThresholdPolicy.TargetSensitivity, 0.5));
    }

    [Fact]
    public void A_score_that_is_not_finite_is_refused_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => ThresholdSelector.Choose([0.7, double.NaN], [true, false], ThresholdPolicy.YoudenJ, 0.9));
        Assert.StartsWith("Score 1 is NaN; ROC analysis needs finite scores.", e.Message);
    }
}
