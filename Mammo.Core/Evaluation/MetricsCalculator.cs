namespace Mammo.Evaluation;

/// <summary>Computes <see cref="LevelMetrics"/> from scored items, with a patient-clustered bootstrap for the AUC interval.</summary>
internal static class MetricsCalculator
{
    /// <param name="dataset">The dataset's name.</param>
    /// <param name="cases">The scored rows.</param>
    /// <param name="thresholdOfPatient">The threshold of the model that scored a patient's rows.</param>
    /// <param name="resamples">Bootstrap resamples for the AUC interval.</param>
    /// <param name="seed">The bootstrap's seed.</param>
    /// <param name="majorityOfPatient">The majority class (true = malignant) of the training data of the model that scored a
    /// patient's rows: the baseline predicts it for every row. <see langword="null"/>: the evaluated set's own majority.</param>
    /// <exception cref="DatasetException">A row's probability is NaN or infinite (the model or its features are broken).</exception>
    public static MassEvaluation Evaluate(
        string dataset, IReadOnlyList<ScoredCase> cases, Func<string, double> thresholdOfPatient, int resamples, int seed, Func<string, bool>? majorityOfPatient = null)
    {
        // Scores here come from running a model on data: a non-finite one is reported as a data error naming the row.
        if (cases.FirstOrDefault(c => !double.IsFinite(c.Probability)) is { } bad)
        {
            throw new DatasetException(
                dataset, $"row {bad.CaseKey} was scored {bad.Probability}; the model or the features of its ROI are broken, so no figures can be computed");
        }

        var (lesions, paired) = Lesions(cases);
        Func<ScoredCase, bool>? majority = majorityOfPatient is null ? null : c => majorityOfPatient(c.PatientId);
        return new MassEvaluation
        {
            Dataset = dataset,
            Threshold = cases.Count == 0 ? double.NaN : cases.Average(c => thresholdOfPatient(c.PatientId)),
            Rows = Level(cases, c => thresholdOfPatient(c.PatientId), resamples, seed, majority),
            Lesions = Level(lesions, c => thresholdOfPatient(c.PatientId), resamples, seed, majority),
            Cases = cases,
            PairedLesions = paired,
        };
    }

    /// <summary>
    /// Lesion-level items: the CC and MLO rows of one lesion are averaged only when exactly one CC and one MLO row share
    /// (patient, side, abnormality id) and their pathology; every other row stays a lesion of its own (a lone view, or a
    /// key whose rows disagree or repeat, which a pairing would only guess at). Returns the items and how many were pairs.
    /// </summary>
    public static (List<ScoredCase> Lesions, int Paired) Lesions(IReadOnlyList<ScoredCase> cases)
    {
        var lesions = new List<ScoredCase>();
        var paired = 0;
        foreach (var group in cases.GroupBy(c => c.LesionKey, StringComparer.Ordinal))
        {
            var rows = group.ToList();
            var views = rows.Select(c => ViewOf(c.CaseKey)).ToList();
            if (rows.Count == 2 && views.Contains("CC") && views.Contains("MLO") && rows[0].IsMalignant == rows[1].IsMalignant)
            {
                lesions.Add(new ScoredCase(group.Key, rows[0].PatientId, group.Key, rows[0].IsMalignant, (rows[0].Probability + rows[1].Probability) / 2));
                paired++;
            }
            else
            {
                lesions.AddRange(rows);
            }
        }

        return (lesions, paired);
    }

    public static LevelMetrics Level(
        IReadOnlyList<ScoredCase> items, Func<ScoredCase, double> thresholdOf, int resamples, int seed, Func<ScoredCase, bool>? majorityOf = null)
    {
        var scores = items.Select(i => i.Probability).ToList();
        var labels = items.Select(i => i.IsMalignant).ToList();
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var called = scores[i] >= thresholdOf(items[i]);
            (tp, fp, tn, fn) = (called, labels[i]) switch
            {
                (true, true) => (tp + 1, fp, tn, fn),
                (true, false) => (tp, fp + 1, tn, fn),
                (false, false) => (tp, fp, tn + 1, fn),
                (false, true) => (tp, fp, tn, fn + 1),
            };
        }

        var positives = tp + fn;
        var negatives = fp + tn;
        var ppv = Ratio(tp, tp + fp);
        var sensitivity = Ratio(tp, positives);
        return new LevelMetrics
        {
            Count = items.Count,
            Positives = positives,
            Auc = RocAnalysis.Auc(scores, labels),
            AucCi95 = BootstrapAuc(items, resamples, seed),
            Accuracy = Ratio(tp + tn, items.Count),
            Sensitivity = sensitivity,
            Specificity = Ratio(tn, negatives),
            Ppv = ppv,
            Npv = Ratio(tn, tn + fn),
            F1 = Ratio(2 * tp, (2 * tp) + fp + fn),
            Confusion = new ConfusionCounts(tp, fp, tn, fn),
            MajorityBaselineAccuracy = majorityOf is null
                ? Ratio(Math.Max(positives, negatives), items.Count)
                : Ratio(items.Count(i => i.IsMalignant == majorityOf(i)), items.Count),
            Roc = RocAnalysis.Curve(scores, labels),
        };
    }

    /// <summary>
    /// Percentile interval of the AUC over resamples of whole patients (rows of one patient are correlated). Resamples
    /// holding one class only have no AUC: they are left out and counted (<see cref="ConfidenceInterval.UsableResamples"/>).
    /// </summary>
    public static ConfidenceInterval BootstrapAuc(IReadOnlyList<ScoredCase> items, int resamples, int seed)
    {
        // Patients numbered in order of first appearance: the resamples draw from them as they always have.
        var patientOf = new int[items.Count];
        var numberOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            patientOf[i] = numberOf.TryGetValue(items[i].PatientId, out var number) ? number : numberOf[items[i].PatientId] = numberOf.Count;
        }

        var patients = numberOf.Count;
        if (resamples <= 0 || patients < 2)
        {
            return new ConfidenceInterval(double.NaN, double.NaN) { Resamples = Math.Max(resamples, 0) };
        }

        // A resample is a count per row (its patient's draws), ranked over one sort of the rows: the AUCs of sorting each
        // resample's repeated rows, bit for bit (RankedScores), in a fraction of the time.
        var ranked = new RankedScores([.. items.Select(i => i.Probability)], [.. items.Select(i => i.IsMalignant)]);
        var random = new Random(seed);
        var aucs = new List<double>(resamples);
        var draws = new int[patients];
        var weights = new int[items.Count];
        for (var resample = 0; resample < resamples; resample++)
        {
            Array.Clear(draws);
            for (var draw = 0; draw < patients; draw++)
            {
                draws[random.Next(patients)]++;
            }

            for (var i = 0; i < items.Count; i++)
            {
                weights[i] = draws[patientOf[i]];
            }

            var auc = ranked.Auc(weights);
            if (!double.IsNaN(auc))
            {
                aucs.Add(auc);
            }
        }

        if (aucs.Count == 0)
        {
            return new ConfidenceInterval(double.NaN, double.NaN) { Resamples = resamples };
        }

        aucs.Sort();
        return new ConfidenceInterval(Percentile(aucs, 0.025), Percentile(aucs, 0.975)) { UsableResamples = aucs.Count, Resamples = resamples };
    }

    private static double Percentile(List<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }

    /// <summary>The view in a case key <c>&lt;patient&gt;_&lt;side&gt;_&lt;view&gt;_&lt;abnormality id&gt;</c>.</summary>
    private static string ViewOf(string caseKey)
    {
        var parts = caseKey.Split('_');
        return parts.Length >= 4 ? parts[^2] : "";
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? double.NaN : (double)numerator / denominator;
}
