using Mammo.Heads;

namespace Mammo.Tests.Heads;

/// <summary>
/// The exact logistic fitter on four rows of one feature, against an independent Newton solve of the stated objective
/// (Mammo.Core.Tests/Heads/known_answers.py): feature scaled by its sample standard deviation, loss summed over rows
/// plus c x rows / 2 w^2, bias not penalised. Both solvers: in the span of the rows, and over the features (row limit 0).
/// </summary>
public sealed class KernelLogisticFitterKnownAnswerTests
{
    private static readonly float[][] Rows = [[0], [1], [2], [3]];
    private static readonly bool[] Labels = [false, true, false, true];
    private static readonly float[][] Probe = [[0], [3], [5]];

    // known_answers.py, "standardised" and "unscaled" (c = 0.25, so the penalty is 1 x w^2 / 2).
    private static readonly double[] Standardised = [0.3731540671648377, 0.6268459328351623, 0.7703559090515681];
    private static readonly double[] Unscaled = [0.33641467437633993, 0.6635853256236601, 0.8299204273530363];

    [Theory]
    [InlineData(KernelLogisticFitter.RowSpanLimit)]
    [InlineData(0)]
    public void A_standardised_feature_gives_the_independent_answer(int rowSpanLimit)
    {
        var scores = new KernelLogisticFitter(rowSpanLimit: rowSpanLimit).Fit(Rows, Labels, 0.25)(Probe);
        Assert.Equal(Standardised, scores, (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Theory]
    [InlineData(KernelLogisticFitter.RowSpanLimit)]
    [InlineData(0)]
    public void Without_standardising_the_feature_keeps_its_own_scale(int rowSpanLimit)
    {
        var scores = new KernelLogisticFitter(standardize: false, rowSpanLimit: rowSpanLimit).Fit(Rows, Labels, 0.25)(Probe);
        Assert.Equal(Unscaled, scores, (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Theory]
    [InlineData(KernelLogisticFitter.RowSpanLimit)]
    [InlineData(0)]
    public void A_constant_feature_is_given_no_weight(int rowSpanLimit)
    {
        // The second feature never varies (standard deviation 0): it is scaled to 0, so the answer is the one-feature one.
        float[][] rows = [.. Rows.Select(r => new[] { r[0], 7f })];
        var scores = new KernelLogisticFitter(rowSpanLimit: rowSpanLimit).Fit(rows, Labels, 0.25)([.. Probe.Select(r => new[] { r[0], 7f })]);
        Assert.Equal(Standardised, scores, (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void A_zero_gradient_at_the_start_is_the_optimum_of_the_feature_solver()
    {
        // Both classes have the same rows: at w = 0, b = 0 every residual is +-1/2 and the gradient is exactly 0, so the
        // solver stops at once (a conjugate-gradient solve of a zero gradient would divide 0 by 0).
        float[][] rows = [[1], [-1], [1], [-1]];
        var score = new KernelLogisticFitter(rowSpanLimit: 0).Fit(rows, [true, true, false, false], 0.5);
        Assert.Equal([0.5, 0.5], score([[3], [-2]]));
    }

    [Fact]
    public void A_feature_that_is_not_a_number_stops_the_feature_solver_at_its_conjugate_gradient_step()
    {
        float[][] rows = [[0, 1], [1, float.NaN], [2, 0], [3, 1]];
        var e = Assert.Throws<InvalidOperationException>(() => new KernelLogisticFitter(rowSpanLimit: 0).Fit(rows, Labels, 0.25));
        Assert.Equal("The conjugate-gradient step of the logistic fit is NaN; the Hessian is not positive definite.", e.Message);
    }
}
