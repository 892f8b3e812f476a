using Mammo.Features;

namespace Mammo.Heads;

/// <summary>One setting the head search may choose: a feature recipe and an L2 strength per example.</summary>
internal sealed record RecipeCandidate(FeatureRecipe Recipe, double L2PerExample)
{
    public override string ToString() => FormattableString.Invariant($"{Recipe.Name}, L2 {L2PerExample:G3}/example");
}
