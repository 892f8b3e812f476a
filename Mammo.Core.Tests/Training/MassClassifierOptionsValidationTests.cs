using Mammo.Training;

namespace Mammo.Tests.Training;

/// <summary>Training options are checked before anything runs, with the offending option named, at their exact limits.</summary>
public sealed class MassClassifierOptionsValidationTests
{
    private static readonly MassClassifierOptions Valid = new() { FeatureRecipes = ["raw"], RegularizationGrid = [1], ValidationFraction = 0.5, TargetSensitivity = 0.5 };

    [Fact]
    public void Valid_options_pass()
    {
        Valid.Validate();
        (Valid with { ValidationFraction = 1e-9, TargetSensitivity = 1, RegularizationGrid = [0, 1e300] }).Validate();
        (Valid with { ValidationFraction = 1 - 1e-9, TargetSensitivity = 1e-9 }).Validate();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_validation_fraction_outside_the_open_unit_interval_is_refused(double fraction)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => (Valid with { ValidationFraction = fraction }).Validate());
        Assert.Equal(nameof(MassClassifierOptions.ValidationFraction), e.ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.0001)]
    [InlineData(double.NaN)]
    public void A_target_sensitivity_outside_zero_to_one_is_refused(double target)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => (Valid with { TargetSensitivity = target }).Validate());
        Assert.Equal(nameof(MassClassifierOptions.TargetSensitivity), e.ParamName);
    }

    public static TheoryData<double[]> BadGrids => new() { Array.Empty<double>(), new[] { -1.0 }, new[] { 1, double.NaN }, new[] { double.PositiveInfinity }, new[] { 1, -1e-12 } };

    [Theory]
    [MemberData(nameof(BadGrids))]
    public void A_regularisation_grid_that_is_empty_or_has_a_negative_or_non_finite_value_is_refused(double[] grid)
    {
        var e = Assert.Throws<ArgumentException>(() => (Valid with { RegularizationGrid = grid }).Validate());
        Assert.Equal(nameof(MassClassifierOptions.RegularizationGrid), e.ParamName);
    }

    [Fact]
    public void No_recipe_or_an_unknown_recipe_is_refused()
    {
        var none = Assert.Throws<ArgumentException>(() => (Valid with { FeatureRecipes = [] }).Validate());
        Assert.Equal(nameof(MassClassifierOptions.FeatureRecipes), none.ParamName);
        var unknown = Assert.Throws<ArgumentException>(() => (Valid with { FeatureRecipes = ["raw", "no-such-recipe"] }).Validate());
        Assert.Contains("no-such-recipe", unknown.Message);
    }

    [Fact]
    public void Class_balancing_with_the_linear_svm_is_refused_because_it_reads_no_weights()
    {
        var e = Assert.Throws<ArgumentException>(() => (Valid with { Trainer = HeadTrainer.LinearSvm, BalanceClasses = true }).Validate());
        Assert.Equal(nameof(MassClassifierOptions.BalanceClasses), e.ParamName);
        Assert.StartsWith("Class balancing needs a trainer that reads example weights", e.Message);
        (Valid with { Trainer = HeadTrainer.LinearSvm }).Validate();
        (Valid with { Trainer = HeadTrainer.SdcaLogisticRegression, BalanceClasses = true }).Validate();
        (Valid with { BalanceClasses = true }).Validate();
    }
}
