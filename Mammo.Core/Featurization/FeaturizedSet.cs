namespace Mammo.Featurization;

/// <summary>
/// Cases and their feature vectors, one per case and transform, made in one pass of the feature source: what training,
/// the head search, cross-validation and scoring all work on. Each case travels with its vectors; subsets share them.
/// </summary>
/// <typeparam name="TCase">What a case is: a dataset row with its record, or a bare ROI path.</typeparam>
internal sealed class FeaturizedSet<TCase>
    where TCase : notnull
{
    private readonly float[][] vectors;

    /// <param name="cases">The cases that have vectors, in input order.</param>
    /// <param name="transforms">The dihedral transforms each case was featurised under, in the order its vectors are stored.</param>
    /// <param name="vectors">Case-major: the vectors of case c are at c x transforms.Count onwards.</param>
    /// <param name="failures">The cases whose ROI could not be used, with the error.</param>
    public FeaturizedSet(IReadOnlyList<TCase> cases, IReadOnlyList<int> transforms, float[][] vectors, IReadOnlyList<(TCase Case, RoiFormatException Error)> failures)
    {
        if (vectors.Length != cases.Count * transforms.Count)
        {
            throw new ArgumentException("There must be one vector per case and transform.", nameof(vectors));
        }

        Cases = cases;
        Transforms = transforms;
        this.vectors = vectors;
        Failures = failures;
    }

    public IReadOnlyList<TCase> Cases { get; }

    public IReadOnlyList<int> Transforms { get; }

    public IReadOnlyList<(TCase Case, RoiFormatException Error)> Failures { get; }

    public int Count => Cases.Count;

    /// <summary>Gets the vector of one case under one of <see cref="Transforms"/>.</summary>
    public float[] Vector(int caseIndex, int dihedral)
    {
        var t = IndexOfTransform(dihedral);
        return vectors[(caseIndex * Transforms.Count) + t];
    }

    /// <summary>Gets the vectors of every case under the given transforms, case-major (no vector is copied).</summary>
    public float[][] Vectors(IReadOnlyList<int> transforms)
    {
        var indices = transforms.Select(IndexOfTransform).ToArray();
        var result = new float[Cases.Count * indices.Length][];
        for (var c = 0; c < Cases.Count; c++)
        {
            for (var t = 0; t < indices.Length; t++)
            {
                result[(c * indices.Length) + t] = vectors[(c * Transforms.Count) + indices[t]];
            }
        }

        return result;
    }

    /// <summary>Keeps the cases that satisfy <paramref name="keep"/>, sharing their vectors; failures are not carried over.</summary>
    public FeaturizedSet<TCase> Where(Func<TCase, bool> keep)
    {
        var cases = new List<TCase>();
        var kept = new List<float[]>();
        for (var c = 0; c < Cases.Count; c++)
        {
            if (keep(Cases[c]))
            {
                cases.Add(Cases[c]);
                kept.AddRange(vectors.AsSpan(c * Transforms.Count, Transforms.Count));
            }
        }

        return new FeaturizedSet<TCase>(cases, Transforms, [.. kept], []);
    }

    private int IndexOfTransform(int dihedral)
    {
        for (var t = 0; t < Transforms.Count; t++)
        {
            if (Transforms[t] == dihedral)
            {
                return t;
            }
        }

        throw new ArgumentException($"The set was not featurised under transform {dihedral}.", nameof(dihedral));
    }
}
