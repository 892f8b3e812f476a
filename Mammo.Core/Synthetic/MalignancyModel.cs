using Mammo.CbisDdsm;

namespace Mammo.Synthetic;

/// <summary>
/// The generator's latent truth: how shape, margin and a continuous, visible "aggressiveness" make a mass malignant.
/// </summary>
/// <remarks>
/// Effects are log-odds, set so that malignancy rates by shape and margin follow the official mass CSVs (spiculated
/// about 0.9, circumscribed about 0.15, irregular about 0.8, oval about 0.3) and the oracle AUC lands near 0.89.
/// Shapes and margins are drawn with the official files' frequencies.
/// </remarks>
internal static class MalignancyModel
{
    public const double AggressivenessWeight = 1.5;
    public const double Offset = -0.2;

    public static readonly (MassShape Shape, int Count, double Effect)[] Shapes =
    [
        (MassShape.Round, 128, -0.8), (MassShape.Oval, 331, -1.1), (MassShape.Lobulated, 317, -0.7),
        (MassShape.Irregular, 404, 1.5), (MassShape.ArchitecturalDistortion, 128, 1.0), (MassShape.LymphNode, 35, -3.0),
        (MassShape.FocalAsymmetricDensity, 21, -1.2), (MassShape.AsymmetricBreastTissue, 20, -0.5),
    ];

    public static readonly (MassMargin Margin, int Count, double Effect)[] Margins =
    [
        (MassMargin.Circumscribed, 352, -1.6), (MassMargin.Obscured, 243, -1.0), (MassMargin.Microlobulated, 116, 0.6),
        (MassMargin.IllDefined, 358, 0.7), (MassMargin.Spiculated, 318, 2.2),
    ];

    public static double Probability(IReadOnlyList<MassShape> shapes, IReadOnlyList<MassMargin> margins, double aggressiveness)
    {
        var logit = Offset + (AggressivenessWeight * aggressiveness)
            + Mean(shapes.Select(s => Shapes.First(x => x.Shape == s).Effect))
            + Mean(margins.Select(m => Margins.First(x => x.Margin == m).Effect));
        return 1 / (1 + Math.Exp(-logit));
    }

    public static T Draw<T>(Random random, (T Value, int Count, double Effect)[] table)
    {
        var x = random.Next(table.Sum(t => t.Count));
        foreach (var (value, count, _) in table)
        {
            x -= count;
            if (x < 0)
            {
                return value;
            }
        }

        return table[^1].Value;
    }

    private static double Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? 0 : list.Average();
    }
}
