using System.Diagnostics;
using System.Globalization;
using Mammo.Backbone;
using Mammo.Data;
using Mammo.Features;
using Mammo.Preprocessing;
using Mammo.Rois;
using Mammo.CrossValidation;
using Mammo.Heads;
using Mammo.Training;

namespace Mammo.Benchmarks;

/// <summary>
/// Measures feature recipes and head searches by repeated patient-grouped cross-validation on featurised ROIs:
/// <c>recipes mias &lt;Info.txt&gt; &lt;images&gt; [repeats] [plan]</c> or <c>recipes dataset &lt;csv&gt; &lt;roi folder&gt; [repeats] [plan]</c>.
/// Every ROI is featurised once (one pass of the network, every recipe from its bundle); the bundles are kept in a file
/// under the temp folder, so a second run does not run the network. Prints a markdown table.
/// </summary>
internal static class RecipeStudy
{
    public static int Run(string[] args)
    {
        var repeats = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
        var plan = args.Length > 4 ? args[4] : "fixed,nested";
        var clock = Stopwatch.StartNew();
        var (name, bundles, labels, groups, featurizeMs) = args[0] == "mias" ? Mias(args[1], args[2]) : Dataset(args[1], args[2]);
        Console.WriteLine(FormattableString.Invariant(
            $"# {name}: {labels.Length} rows, {labels.Count(l => l)} malignant, {groups.Distinct().Count()} patients; featurised in {featurizeMs:F0} ms ({featurizeMs / labels.Length:F1} ms/ROI, 0 when cached)"));
        IHeadFitter fitter = Environment.GetEnvironmentVariable("MAMMO_FITTER") switch
        {
            "mlnet" => new MlNetHeadFitter(HeadTrainer.LbfgsLogisticRegression, balance: false, seed: 1, float.Parse(Environment.GetEnvironmentVariable("MAMMO_TOL") ?? "1e-5", CultureInfo.InvariantCulture)),
            "kernel-raw" => new KernelLogisticFitter(standardize: false),
            _ => new KernelLogisticFitter(),
        };
        var l2Grid = (Environment.GetEnvironmentVariable("MAMMO_L2") ?? "0.01,0.1,1,10").Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var recipes = Environment.GetEnvironmentVariable("MAMMO_RECIPES") is { } names ? names.Split(',').Select(FeatureRecipe.Named).ToArray() : FeatureRecipe.All.ToArray();
        Console.WriteLine("| setting | kind | mean AUC | sd | min | max | seconds |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        if (plan.Contains("fixed", StringComparison.Ordinal))
        {
            foreach (var recipe in recipes)
            {
                foreach (var c in l2Grid)
                {
                    var vectors = recipe.Apply(bundles);
                    Report($"{recipe.Name}, L2 {c}/example", "fixed", () => RepeatedCrossValidation.Run(labels, groups, 5, repeats, 1, (train, test, _) =>
                    {
                        var score = fitter.Fit(train.Select(i => vectors[i]).ToArray(), train.Select(i => labels[i]).ToArray(), c);
                        return new ScoredFold(score(test.Select(i => vectors[i]).ToArray()), 0.5);
                    }));
                }
            }
        }

        if (plan.Contains("agree", StringComparison.Ordinal))
        {
            // Does ML.NET's L-BFGS reach the exact optimum the kernel fitter finds? Fit both on every row and compare scores.
            foreach (var recipe in recipes)
            {
                var vectors = recipe.Apply(bundles);
                foreach (var c in l2Grid)
                {
                    var exact = new KernelLogisticFitter().Fit(vectors, labels, c)(vectors);
                    var fitClock = Stopwatch.StartNew();
                    var lbfgs = new MlNetHeadFitter(HeadTrainer.LbfgsLogisticRegression, balance: false, seed: 1, float.Parse(Environment.GetEnvironmentVariable("MAMMO_TOL") ?? "1e-5", CultureInfo.InvariantCulture)).Fit(vectors, labels, c)(vectors);
                    var gap = exact.Zip(lbfgs, (a, b) => Math.Abs(a - b)).Max();
                    Console.WriteLine(FormattableString.Invariant(
                        $"| {recipe.Name}, L2 {c} | agree | max |p exact - p ML.NET| {gap:F4} | training AUC {Mammo.Evaluation.RocAnalysis.Auc(exact, labels):F3} / {Mammo.Evaluation.RocAnalysis.Auc(lbfgs, labels):F3} | | | {fitClock.Elapsed.TotalSeconds:F1} |"));
                }
            }
        }

        if (plan.Contains("nested", StringComparison.Ordinal))
        {
            var searches = new (string Name, NestedSearchOptions Options)[]
            {
                ("s3-lesion-ring x L2 {0.1,1,10}", new NestedSearchOptions { Recipes = [FeatureRecipe.Stage3LesionRing], L2PerExample = [0.1, 1, 10] }),
                ("s34-lesion-ring x L2 {0.1,1,10}", new NestedSearchOptions { Recipes = [FeatureRecipe.LesionRing], L2PerExample = [0.1, 1, 10] }),
                ("s34-lesion-ring, L2 1 (one candidate)", new NestedSearchOptions { Recipes = [FeatureRecipe.LesionRing], L2PerExample = [1] }),
                ("pooled-sqrt-l2 x L2 {0.1,1,10}", new NestedSearchOptions { Recipes = [FeatureRecipe.PooledNormalized], L2PerExample = [0.1, 1, 10] }),
                ("pooled-sqrt-l2 + s34-lesion-ring x L2 {0.1,1,10}", new NestedSearchOptions { Recipes = [FeatureRecipe.PooledNormalized, FeatureRecipe.LesionRing], L2PerExample = [0.1, 1, 10] }),
                ("pooled-sqrt-l2 + s3-lesion-ring + s34-lesion-ring x L2 {0.1,1,10}", new NestedSearchOptions { Recipes = [FeatureRecipe.PooledNormalized, FeatureRecipe.Stage3LesionRing, FeatureRecipe.LesionRing], L2PerExample = [0.1, 1, 10] }),
                ("pooled x L2 {0.1,1,10} (Mammo before recipes, centred head)", new NestedSearchOptions { Recipes = [FeatureRecipe.Pooled], L2PerExample = [0.1, 1, 10] }),
                ("all 9 recipes x L2 {0.1,1,10}", new NestedSearchOptions { Recipes = FeatureRecipe.All, L2PerExample = [0.1, 1, 10] }),
            };
            var only = Environment.GetEnvironmentVariable("MAMMO_SEARCHES")?.Split(';');
            foreach (var (searchName, options) in searches.Where(s => only is null || only.Contains(s.Name)))
            {
                var chosen = new Dictionary<string, int>();
                Report(searchName, "nested", () => RepeatedCrossValidation.Run(labels, groups, 5, repeats, 1, (train, test, seed) =>
                {
                    var head = NestedHeadSearch.Train(train.Select(i => bundles[i]).ToArray(), train.Select(i => labels[i]).ToArray(), train.Select(i => groups[i]).ToArray(), options, fitter, seed);
                    lock (chosen)
                    {
                        chosen[head.Candidate.ToString()] = chosen.GetValueOrDefault(head.Candidate.ToString()) + 1;
                    }

                    var testBundles = test.Select(i => bundles[i]).ToArray();

                    // MAMMO_UNCALIBRATED=1 pools the head's raw probabilities, to see what per-fold calibration does to a pooled AUC.
                    return new ScoredFold(
                        Environment.GetEnvironmentVariable("MAMMO_UNCALIBRATED") == "1" ? head.RawScorer(head.Candidate.Recipe.Apply(testBundles)) : head.Score(testBundles),
                        head.Threshold);
                }));
                Console.WriteLine($"|   chosen: {string.Join("; ", chosen.OrderByDescending(p => p.Value).Select(p => $"{p.Key} x{p.Value}"))} | | | | | | |");
            }
        }

        Console.WriteLine(FormattableString.Invariant($"# total {clock.Elapsed.TotalSeconds:F0} s"));
        return 0;
    }

    private static string Crop => Environment.GetEnvironmentVariable("MAMMO_CROP") ?? "2.5";

    private static void Report(string setting, string kind, Func<RepeatedCrossValidationResult> run)
    {
        var clock = Stopwatch.StartNew();
        var result = run();
        var aucs = result.Repeats.Select(r => r.Auc).ToArray();
        Console.WriteLine(FormattableString.Invariant(
            $"| {setting} | {kind} | {result.AucMean:F3} | {result.AucSd:F3} | {aucs.Min():F3} | {aucs.Max():F3} | {clock.Elapsed.TotalSeconds:F1} |"));
        if (Environment.GetEnvironmentVariable("MAMMO_REPEAT_AUCS") == "1")
        {
            // Per-repeat AUCs: every setting sees the same fold draws, so differences can be compared repeat by repeat.
            Console.WriteLine($"|   repeats: {string.Join(" ", aucs.Select(a => a.ToString("F3", CultureInfo.InvariantCulture)))} | | | | | | |");
        }
    }

    private static (string, float[][], bool[], string[], double) Mias(string info, string images)
    {
        var rows = MiasFilms.Load(info, images);
        var cachePath = Path.Combine(Path.GetTempPath(), $"mammo-recipes-mias-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(FeatureBundle.Version + Crop + RoiPreprocessor.Version)))[..12]}-{rows.Count}.bin");
        var clock = Stopwatch.StartNew();
        float[][] bundles;
        if (File.Exists(cachePath))
        {
            var floats = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(cachePath)).ToArray();
            bundles = Enumerable.Range(0, rows.Count).Select(i => floats.AsSpan(i * FeatureBundle.Length, FeatureBundle.Length).ToArray()).ToArray();
            clock.Reset();
        }
        else
        {
            var options = RoiOptions.Default with { LesionCropFactor = double.Parse(Crop, CultureInfo.InvariantCulture) };
            bundles = new float[rows.Count][];
            const int batch = 16;
            for (var start = 0; start < rows.Count; start += batch)
            {
                var count = Math.Min(batch, rows.Count - start);
                var tensors = new float[count * RoiPreprocessor.TensorLength];
                var geometries = new LesionGeometry[count];
                for (var i = 0; i < count; i++)
                {
                    var roi = rows[start + i].Roi;
                    geometries[i] = LesionGeometry.Of(roi, options, 0);
                    RoiPreprocessor.Preprocess(roi, options, 0, tensors.AsSpan(i * RoiPreprocessor.TensorLength, RoiPreprocessor.TensorLength));
                }

                var outputs = ResNet18StageRunner.Shared.Run(tensors, count);
                for (var i = 0; i < count; i++)
                {
                    bundles[start + i] = FeatureBundle.Build(outputs, i, geometries[i]);
                }
            }

            File.WriteAllBytes(cachePath, bundles.SelectMany(b => b).SelectMany(BitConverter.GetBytes).ToArray());
        }

        return ("MIAS non-calcification lesions", bundles, rows.Select(r => r.Malignant).ToArray(), rows.Select(r => r.Patient).ToArray(), clock.Elapsed.TotalMilliseconds);
    }

    private static (string, float[][], bool[], string[], double) Dataset(string csv, string roots)
    {
        var dataset = MassDataset.Load(csv, roots);
        var clock = Stopwatch.StartNew();
        var set = Mammo.Featurization.FeatureSource.Create(ResNet18StageRunner.Shared, dataset.RoiOptions, Path.Combine(Path.GetTempPath(), "mammo-recipes-cache"))
            .Featurize(dataset.Cases, i => i.RoiPath, [0], false, null, default);
        var bundles = set.Vectors([0]);
        return (dataset.Name, bundles, set.Cases.Select(c => c.Record.IsMalignant).ToArray(),
            set.Cases.Select(c => c.Record.PatientId).ToArray(), clock.Elapsed.TotalMilliseconds);
    }
}
