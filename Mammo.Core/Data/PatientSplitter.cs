namespace Mammo.Data;

/// <summary>Patient-grouped, label-stratified splits and folds: a patient's rows always stay together.</summary>
/// <remarks>A patient is stratified as malignant when any of her rows is malignant.</remarks>
internal static class PatientSplitter
{
    public static (List<MassCase> Training, List<MassCase> Validation) Split(MassDataset dataset, double fraction, int seed) =>
        Split(dataset.Name, dataset.Cases, fraction, seed);

    /// <summary>Splits rows (of the dataset called <paramref name="name"/>, for messages) into a training and a validation part.</summary>
    public static (List<MassCase> Training, List<MassCase> Validation) Split(string name, IReadOnlyList<MassCase> items, double fraction, int seed)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The validation fraction must lie strictly between 0 and 1.");
        }

        var validationPatients = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (label, patients) in ShuffledStrata(items, seed))
        {
            var take = (int)Math.Round(fraction * patients.Count);
            // Also refuses fewer than two patients: zero take none, one takes none or all.
            if (take == 0 || take == patients.Count)
            {
                throw new DatasetException(
                    name,
                    $"{patients.Count} {label} patient(s) cannot give both the training and the validation part a {label} patient at fraction {fraction}");
            }

            validationPatients.UnionWith(patients.Take(take));
        }

        var validation = items.Where(item => validationPatients.Contains(item.Record.PatientId)).ToList();
        var training = items.Where(item => !validationPatients.Contains(item.Record.PatientId)).ToList();
        return (training, validation);
    }

    /// <summary>Returns each item's fold (0 to folds - 1).</summary>
    public static int[] Folds(MassDataset dataset, int folds, int seed) => Folds(dataset.Name, dataset.Cases, folds, seed);

    /// <summary>Returns each row's fold (0 to folds - 1); <paramref name="name"/> names the dataset in messages.</summary>
    public static int[] Folds(string name, IReadOnlyList<MassCase> items, int folds, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var foldOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (label, patients) in ShuffledStrata(items, seed))
        {
            if (patients.Count < folds)
            {
                throw new DatasetException(name, $"{patients.Count} {label} patient(s) are too few for {folds} folds");
            }

            for (var i = 0; i < patients.Count; i++)
            {
                foldOf[patients[i]] = i % folds;
            }
        }

        return items.Select(item => foldOf[item.Record.PatientId]).ToArray();
    }

    private static IEnumerable<(string Label, List<string> Patients)> ShuffledStrata(IReadOnlyList<MassCase> items, int seed)
    {
        var malignantPatients = items.GroupBy(item => item.Record.PatientId, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .ToLookup(group => group.Any(item => item.Record.IsMalignant), group => group.Key);
        var random = new Random(seed);
        foreach (var (label, malignant) in new[] { ("benign", false), ("malignant", true) })
        {
            var patients = malignantPatients[malignant].ToList();
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(patients));
            yield return (label, patients);
        }
    }
}
