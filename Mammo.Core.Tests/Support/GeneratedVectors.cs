using Mammo.Heads;

namespace Mammo.Tests.Support;

/// <summary>Feature vectors drawn from two Gaussians (one per class), for testing the head's logic without a network.</summary>
internal static class GeneratedVectors
{
    /// <summary>
    /// Makes <paramref name="cases"/> cases of <paramref name="dimensions"/> features, about half malignant, two cases per
    /// patient; the class means differ by <paramref name="separation"/> standard deviations in the first three features.
    /// </summary>
    public static HeadData Make(int cases, int seed, double separation, int dimensions = 12, int vectorsPerCase = 1)
    {
        var random = new Random(seed);
        var labels = new bool[cases];
        var patients = new string[cases];
        var vectors = new float[cases * vectorsPerCase][];
        for (var c = 0; c < cases; c++)
        {
            labels[c] = random.NextDouble() < 0.5;
            patients[c] = $"P_{seed}_{c / 2:D4}";
            for (var t = 0; t < vectorsPerCase; t++)
            {
                var vector = new float[dimensions];
                for (var d = 0; d < dimensions; d++)
                {
                    // Box-Muller: a standard normal draw.
                    var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                    vector[d] = (float)(normal + (labels[c] && d < 3 ? separation : 0));
                }

                vectors[(c * vectorsPerCase) + t] = vector;
            }
        }

        return new HeadData(vectors, labels, patients, vectorsPerCase);
    }
}
