using Mammo.Features;
using Mammo.Heads;
using Mammo.Training;

namespace Mammo.Tests.Training;

/// <summary>
/// Pins the documented defaults of the head search (README "Diagnostic quality on real mammograms" and
/// <see cref="MassClassifierOptions"/>): a change to them must be measured on MIAS and documented in the same change.
/// </summary>
public sealed class DefaultsTests
{
    [Fact]
    public void The_default_candidate_list_is_the_stage_3_and_4_lesion_and_ring_recipe_with_three_L2_strengths()
    {
        var options = new MassClassifierOptions();
        Assert.Equal(["s34-lesion-ring-sqrt-l2"], options.FeatureRecipes);
        Assert.Equal([0.1, 1, 10], options.RegularizationGrid);
        Assert.Same(FeatureRecipe.LesionRing, FeatureRecipe.Default);
        Assert.Equal([FeatureRecipe.LesionRing], new NestedSearchOptions().Recipes);
    }

    [Fact]
    public void The_readme_documents_the_default_recipe()
    {
        var readme = Path.Combine(Support.SharedData.RepositoryRoot, "README.md");
        Assert.Contains($"default: `{FeatureRecipe.Default.Name}`", File.ReadAllText(readme), StringComparison.Ordinal);
    }
}
