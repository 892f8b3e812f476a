using Mammo.Training;

namespace Mammo.Tests.Training;

/// <summary>Each refused option says what its valid values are; the default cache folder is Mammo's own.</summary>
public sealed class MassClassifierOptionsMessageTests
{
    private static readonly MassClassifierOptions Valid = new() { FeatureRecipes = ["raw"], RegularizationGrid = [1], ValidationFraction = 0.5, TargetSensitivity = 0.5 };

    [Fact]
    public void A_validation_fraction_of_one_is_refused_with_its_range()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => (Valid with { ValidationFraction = 1 }).Validate());
        Assert.StartsWith("Must lie strictly between 0 and 1.", e.Message);
        Assert.Equal(1.0, e.ActualValue);
    }

    [Fact]
    public void No_feature_recipe_is_refused_with_the_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => (Valid with { FeatureRecipes = [] }).Validate());
        Assert.StartsWith("At least one feature recipe is needed.", e.Message);
        Assert.Equal(nameof(MassClassifierOptions.FeatureRecipes), e.ParamName);
    }

    [Fact]
    public void A_negative_l2_is_refused_with_the_rule()
    {
        var e = Assert.Throws<ArgumentException>(() => (Valid with { RegularizationGrid = [-1] }).Validate());
        Assert.StartsWith("The regularisation grid needs at least one finite, non-negative value.", e.Message);
    }

    [Fact]
    public void A_target_sensitivity_of_zero_is_refused_with_its_range()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => (Valid with { TargetSensitivity = 0 }).Validate());
        Assert.StartsWith("Must lie in (0, 1].", e.Message);
        Assert.Equal(0.0, e.ActualValue);
    }

    [Fact]
    public void The_default_feature_cache_is_mammo_feature_cache_in_local_application_data()
    {
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        Assert.Equal(Path.Combine(local, "Mammo", "feature-cache"), MassClassifierOptions.DefaultFeatureCacheDirectory);
    }
}
