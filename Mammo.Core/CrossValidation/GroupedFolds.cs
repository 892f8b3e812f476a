namespace Mammo.CrossValidation;

/// <summary>
/// Patient-grouped, label-stratified fold assignment on plain arrays: a group (patient) never spans two folds; groups
/// with any malignant row and the others are each shuffled and dealt round the folds, the second stratum continuing
/// where the first stopped so fold sizes differ by at most one group.
/// </summary>
internal static class GroupedFolds
{
    /// <summary>Returns each row's fold, 0 to <paramref name="folds"/> - 1.</summary>
    /// <exception cref="ArgumentException">A class has fewer groups than folds.</exception>
    public static int[] Assign(IReadOnlyList<string> groups, IReadOnlyList<bool> labels, int folds, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        if (groups.Count != labels.Count)
        {
            throw new ArgumentException("One group per label is needed.", nameof(groups));
        }

        var strata = Strata(groups, labels);
        var random = new Random(seed);
        var foldOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var dealt = 0;
        foreach (var stratum in strata)
        {
            if (stratum.Count < folds)
            {
                throw new ArgumentException($"{stratum.Count} group(s) of one class are too few for {folds} folds.", nameof(folds));
            }

            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(stratum));
            foreach (var group in stratum)
            {
                foldOf[group] = dealt++ % folds;
            }
        }

        return groups.Select(g => foldOf[g]).ToArray();
    }

    /// <summary>The number of groups in the smaller class: the most folds the data allows.</summary>
    public static int MaximumFolds(IReadOnlyList<string> groups, IReadOnlyList<bool> labels) => Strata(groups, labels).Min(s => s.Count);

    private static List<List<string>> Strata(IReadOnlyList<string> groups, IReadOnlyList<bool> labels)
    {
        var malignant = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var i = 0; i < groups.Count; i++)
        {
            malignant[groups[i]] = malignant.GetValueOrDefault(groups[i]) || labels[i];
        }

        // Sorted before shuffling, so the assignment depends on the seed only, not on row order.
        return
        [
            malignant.Where(p => !p.Value).Select(p => p.Key).Order(StringComparer.Ordinal).ToList(),
            malignant.Where(p => p.Value).Select(p => p.Key).Order(StringComparer.Ordinal).ToList(),
        ];
    }
}
