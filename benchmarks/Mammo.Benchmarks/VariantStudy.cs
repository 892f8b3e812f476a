using System.Diagnostics;
using System.Globalization;
using Mammo.Backbone;
using Mammo.CrossValidation;
using Mammo.Data;
using Mammo.Features;
using Mammo.Featurization;
using Mammo.Heads;
using Mammo.Preprocessing;
using Mammo.Rois;
using Mammo.Training;

namespace Mammo.Benchmarks;

/// <summary>
/// Measures variants of the default procedure against it, repeat by repeat on the same fold draws (issue 11, third
/// round): <c>variants mias &lt;Info.txt&gt; &lt;images&gt; [repeats] [arms]</c> or <c>variants dataset &lt;csv&gt; &lt;roi folder&gt; [repeats] [arms]</c>.
/// Every arm is nested (L2, calibration and threshold chosen inside each training fold, as <see cref="NestedHeadSearch"/>
/// does); the baseline is the default (<c>s34-lesion-ring-sqrt-l2</c>, L2 0.1 / 1 / 10 chosen by inner 5-fold CV).
/// Each ROI is featurised under the three crop factors and the eight dihedral transforms once, and the bundles are kept
/// under the temp folder. Prints a markdown table with each arm's paired difference to the baseline.
/// </summary>
internal static class VariantStudy
{
    private static readonly double[] Crops = [2.0, 2.5, 3.0];
    private static readonly double[] Grid = [0.1, 1, 10];
    private const int DefaultCrop = 1;

    /// <summary>How the head turns the three L2 candidates into one: the default choice, or an average of all three.</summary>
    private enum HeadMode
    {
        Select,
        AverageProbability,
        AverageLogit,
    }

    public static int Run(string[] args)
    {
        var repeats = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
        var only = args.Length > 4 ? args[4].Split(',') : null;
        var clock = Stopwatch.StartNew();
        var data = args[0] == "mias" ? Mias(args[1], args[2]) : Dataset(args[1], args[2]);
        var labels = data.Labels;
        var groups = data.Groups;
        Console.WriteLine(FormattableString.Invariant(
            $"# {data.Name}: {labels.Length} rows, {labels.Count(l => l)} malignant, {groups.Distinct().Count()} patients; {repeats} repeats of 5-fold; network pass {data.MsPerPass:F1} ms per ROI-transform (0 when cached)"));

        var recipe = FeatureRecipe.Default;
        float[] Mean(IEnumerable<float[]> vectors)
        {
            var list = vectors.ToArray();
            var mean = new float[list[0].Length];
            foreach (var v in list)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(mean, v, mean);
            }

            System.Numerics.Tensors.TensorPrimitives.Divide(mean, list.Length, mean);
            return mean;
        }

        float[][] Vectors(int[] crops, int[] dihedrals, FeatureRecipe? other = null) =>
            [.. Enumerable.Range(0, labels.Length).Select(i => Mean(from c in crops from d in dihedrals select (other ?? recipe).Apply(data.Bundles[c][d][i])))];

        var all8 = Enumerable.Range(0, RoiPreprocessor.DihedralCount).ToArray();
        var baseVectors = Vectors([DefaultCrop], [0]);
        var arms = new List<(string Name, string Cost, float[][] Vectors, HeadMode Mode)>
        {
            ("default: s34-lesion-ring-sqrt-l2, L2 chosen from 0.1 / 1 / 10", "1 pass", baseVectors, HeadMode.Select),
            ("L2 not chosen: probabilities of the 3 L2 fits averaged", "1 pass", baseVectors, HeadMode.AverageProbability),
            ("L2 not chosen: logits of the 3 L2 fits averaged", "1 pass", baseVectors, HeadMode.AverageLogit),
            ("dihedral: recipe vector averaged over the 8 transforms", "8 passes", Vectors([DefaultCrop], all8), HeadMode.Select),
            ("multi-crop: recipe vector averaged over crops 2.0 / 2.5 / 3.0", "3 passes", Vectors([0, 1, 2], [0]), HeadMode.Select),
            ("dihedral x multi-crop: averaged over 8 transforms x 3 crops", "24 passes", Vectors([0, 1, 2], all8), HeadMode.Select),
        };

        // Diagnostics (never candidates): what one transform or one crop alone gives, and smaller averages, to see where a loss comes from.
        foreach (var d in all8.Skip(1))
        {
            arms.Add(($"diagnostic: transform {d} alone ({Describe(d)})", "1 pass", Vectors([DefaultCrop], [d]), HeadMode.Select));
        }

        arms.Add(("diagnostic: averaged over transform 0 and its left-right mirror", "2 passes", Vectors([DefaultCrop], [0, 2]), HeadMode.Select));
        arms.Add(("diagnostic: averaged over the 4 transforms without transposition (0, 2, 4, 6)", "4 passes", Vectors([DefaultCrop], [0, 2, 4, 6]), HeadMode.Select));
        arms.Add(("diagnostic: bundle averaged over the 8 transforms, then the recipe", "8 passes",
            [.. Enumerable.Range(0, labels.Length).Select(i => recipe.Apply(Mean(all8.Select(d => data.Bundles[DefaultCrop][d][i]))))], HeadMode.Select));
        // The pooled 512 use no lesion geometry: if their transform average drops too, the geometry is not to blame.
        arms.Add(("diagnostic: pooled-sqrt-l2 recipe, transform 0", "1 pass", Vectors([DefaultCrop], [0], FeatureRecipe.PooledNormalized), HeadMode.Select));
        arms.Add(("diagnostic: pooled-sqrt-l2 recipe averaged over the 8 transforms", "8 passes", Vectors([DefaultCrop], all8, FeatureRecipe.PooledNormalized), HeadMode.Select));
        arms.Add(("diagnostic: crop 2.0 alone", "1 pass", Vectors([0], [0]), HeadMode.Select));
        arms.Add(("diagnostic: crop 3.0 alone", "1 pass", Vectors([2], [0]), HeadMode.Select));
        arms.Add(("diagnostic: averaged over crops 2.5 and 3.0", "2 passes", Vectors([1, 2], [0]), HeadMode.Select));

        if (data.Extra is { } extra)
        {
            // The default recipe beside the standard deviation of each stage-3 / stage-4 channel inside the lesion and in the
            // ring, each block signed-square-rooted and scaled to unit length like the recipe's.
            arms.Add(("+ std pooling (stage 3 / 4, lesion and ring; 4,608 features)", "1 pass", [.. baseVectors.Select((v, i) => (float[])[.. v, .. extra[i]])], HeadMode.Select));
        }

        if (data.Stage2 is { } stage2)
        {
            arms.Add(("+ stage 2 (128 x 28 x 28) mean and max, lesion and ring (3,584 features)", "1 pass", [.. baseVectors.Select((v, i) => (float[])[.. v, .. stage2[i]])], HeadMode.Select));
        }

        var fitter = new KernelLogisticFitter();
        Console.WriteLine("| variant | cost per ROI | mean AUC | sd | paired difference | sd of difference | repeats improved | seconds |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        double[]? baseline = null;
        foreach (var (name, cost, vectors, mode) in arms)
        {
            if (baseline is not null && only is not null && !only.Any(o => name.Contains(o, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var armClock = Stopwatch.StartNew();
            var result = RepeatedCrossValidation.Run(labels, groups, 5, repeats, 1, (train, test, seed) => mode == HeadMode.Select
                ? Selected(vectors, labels, groups, train, test, seed, fitter)
                : Averaged(vectors, labels, groups, train, test, seed, mode, fitter));
            var aucs = result.Repeats.Select(r => r.Auc).ToArray();
            baseline ??= aucs;
            var differences = aucs.Zip(baseline, (a, b) => a - b).ToArray();
            Console.WriteLine(FormattableString.Invariant(
                $"| {name} | {cost} | {result.AucMean:F3} | {result.AucSd:F3} | {differences.Average():+0.000;-0.000;0.000} | {RepeatedCrossValidationResult.SampleStandardDeviation(differences):F3} | {differences.Count(d => d > 0)} of {repeats} ({differences.Count(d => d < 0)} worse) | {armClock.Elapsed.TotalSeconds:F0} |"));
            Console.WriteLine($"|   repeats: {string.Join(" ", aucs.Select(a => a.ToString("F3", CultureInfo.InvariantCulture)))} | | | | | | | |");
        }

        Console.WriteLine(FormattableString.Invariant($"# total {clock.Elapsed.TotalSeconds:F0} s"));
        return 0;
    }

    /// <summary>The default procedure on the given vectors: L2 chosen by inner CV, Platt and threshold on its held-out scores.</summary>
    private static ScoredFold Selected(float[][] vectors, bool[] labels, string[] groups, int[] train, int[] test, int seed, IHeadFitter fitter)
    {
        var options = new NestedSearchOptions { Recipes = [FeatureRecipe.Raw], L2PerExample = Grid };
        var head = NestedHeadSearch.Train([.. train.Select(i => vectors[i])], [.. train.Select(i => labels[i])], [.. train.Select(i => groups[i])], options, fitter, seed);
        return new ScoredFold(head.Score([.. test.Select(i => vectors[i])]), head.Threshold);
    }

    /// <summary>
    /// No choice of L2: the three fits are averaged. The held-out scores of the average come from the same inner folds the
    /// default uses to choose (same seed), and Platt and the threshold are fitted on them, as the default does on its winner's.
    /// </summary>
    private static ScoredFold Averaged(float[][] vectors, bool[] labels, string[] groups, int[] train, int[] test, int seed, HeadMode mode, IHeadFitter fitter)
    {
        var x = train.Select(i => vectors[i]).ToArray();
        var y = train.Select(i => labels[i]).ToArray();
        var g = train.Select(i => groups[i]).ToArray();
        var folds = Math.Min(5, GroupedFolds.MaximumFolds(g, y));
        var foldOf = GroupedFolds.Assign(g, y, folds, seed);
        var heldOut = new double[Grid.Length][];
        for (var c = 0; c < Grid.Length; c++)
        {
            heldOut[c] = new double[x.Length];
        }

        var work = (from c in Enumerable.Range(0, Grid.Length) from f in Enumerable.Range(0, folds) select (c, f)).ToArray();
        Parallel.ForEach(work, item =>
        {
            var (c, f) = item;
            var inner = Enumerable.Range(0, x.Length).Where(i => foldOf[i] != f).ToArray();
            var outer = Enumerable.Range(0, x.Length).Where(i => foldOf[i] == f).ToArray();
            var scores = fitter.Fit([.. inner.Select(i => x[i])], [.. inner.Select(i => y[i])], Grid[c])([.. outer.Select(i => x[i])]);
            for (var k = 0; k < outer.Length; k++)
            {
                heldOut[c][outer[k]] = scores[k];
            }
        });

        var testVectors = test.Select(i => vectors[i]).ToArray();
        var full = new double[Grid.Length][];
        Parallel.For(0, Grid.Length, c => full[c] = fitter.Fit(x, y, Grid[c])(testVectors));
        var combinedHeldOut = Combine(heldOut, mode);
        var calibration = PlattScaling.Fit(combinedHeldOut, y);
        var threshold = ThresholdSelector.Choose([.. combinedHeldOut.Select(calibration.Apply)], y, ThresholdPolicy.YoudenJ, 0.9);
        return new ScoredFold([.. Combine(full, mode).Select(calibration.Apply)], threshold);
    }

    private static double[] Combine(double[][] perCandidate, HeadMode mode) =>
        [.. Enumerable.Range(0, perCandidate[0].Length).Select(i => mode == HeadMode.AverageProbability
            ? perCandidate.Average(s => s[i])
            : Sigmoid(perCandidate.Average(s => Logit(s[i]))))];

    private static string Describe(int dihedral) =>
        string.Join(", ", new[] { (1, "transposed"), (2, "left-right mirror"), (4, "upside down") }.Where(b => (dihedral & b.Item1) != 0).Select(b => b.Item2));

    private static double Logit(double p)
    {
        p = Math.Clamp(p, 1e-7, 1 - 1e-7);
        return Math.Log(p / (1 - p));
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>Bundles [crop][dihedral][row], labels, groups, and for MIAS the std-pooling blocks of crop 2.5, transform 0.</summary>
    private sealed record StudyData(string Name, float[][][][] Bundles, bool[] Labels, string[] Groups, double MsPerPass, float[][]? Extra, float[][]? Stage2);

    private static StudyData Mias(string info, string images)
    {
        var rows = MiasFilms.Load(info, images);
        var bundles = new float[Crops.Length][][][];
        var passes = 0;
        var clock = new Stopwatch();
        float[][]? extra = null;
        for (var c = 0; c < Crops.Length; c++)
        {
            var options = RoiOptions.Default with { LesionCropFactor = Crops[c] };
            var cachePath = Path.Combine(Path.GetTempPath(), $"mammo-variants-mias-{Key(FeatureBundle.Version + RoiPreprocessor.Version + Crops[c].ToString("R", CultureInfo.InvariantCulture))}-{rows.Count}.bin");
            var perRow = (RoiPreprocessor.DihedralCount * FeatureBundle.Length) + StdLength;
            float[] flat;
            if (File.Exists(cachePath))
            {
                flat = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(cachePath)).ToArray();
            }
            else
            {
                flat = new float[rows.Count * perRow];
                var tensors = new float[RoiPreprocessor.DihedralCount * RoiPreprocessor.TensorLength];
                for (var i = 0; i < rows.Count; i++)
                {
                    clock.Start();
                    var roi = rows[i].Roi;
                    var geometries = new LesionGeometry[RoiPreprocessor.DihedralCount];
                    for (var d = 0; d < RoiPreprocessor.DihedralCount; d++)
                    {
                        geometries[d] = LesionGeometry.Of(roi, options, d);
                        RoiPreprocessor.Preprocess(roi, options, d, tensors.AsSpan(d * RoiPreprocessor.TensorLength, RoiPreprocessor.TensorLength));
                    }

                    var outputs = ResNet18StageRunner.Shared.Run(tensors, RoiPreprocessor.DihedralCount);
                    for (var d = 0; d < RoiPreprocessor.DihedralCount; d++)
                    {
                        FeatureBundle.Build(outputs, d, geometries[d]).CopyTo(flat, (i * perRow) + (d * FeatureBundle.Length));
                    }

                    StdBlocks(outputs, 0, geometries[0]).CopyTo(flat, (i * perRow) + (RoiPreprocessor.DihedralCount * FeatureBundle.Length));
                    clock.Stop();
                    passes += RoiPreprocessor.DihedralCount;
                }

                var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(flat.AsSpan()).ToArray();
                File.WriteAllBytes(cachePath, bytes);
            }

            bundles[c] = [.. Enumerable.Range(0, RoiPreprocessor.DihedralCount).Select(d =>
                Enumerable.Range(0, rows.Count).Select(i => flat.AsSpan((i * perRow) + (d * FeatureBundle.Length), FeatureBundle.Length).ToArray()).ToArray())];
            if (c == DefaultCrop)
            {
                extra = [.. Enumerable.Range(0, rows.Count).Select(i => flat.AsSpan((i * perRow) + (RoiPreprocessor.DihedralCount * FeatureBundle.Length), StdLength).ToArray())];
            }
        }

        // The stage-2 pools come from a session of their own (measurement only; see Stage2Pools), crop 2.5, transform 0.
        var stage2Path = Path.Combine(Path.GetTempPath(), $"mammo-variants-mias-stage2-{Key(FeatureBundle.Version + RoiPreprocessor.Version + Stage2Pools.Name)}-{rows.Count}.bin");
        float[][] stage2;
        if (File.Exists(stage2Path))
        {
            var flat = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(stage2Path)).ToArray();
            stage2 = [.. Enumerable.Range(0, rows.Count).Select(i => flat.AsSpan(i * Stage2Pools.Length, Stage2Pools.Length).ToArray())];
        }
        else
        {
            Console.WriteLine($"# stage-2 tensor {Stage2Pools.Name} is read by: {Stage2Pools.Consumers()}");
            stage2 = Stage2Pools.Compute([.. rows.Select(r => r.Roi)], RoiOptions.Default with { LesionCropFactor = Crops[DefaultCrop] });
            File.WriteAllBytes(stage2Path, System.Runtime.InteropServices.MemoryMarshal.AsBytes(stage2.SelectMany(v => v).ToArray().AsSpan()).ToArray());
        }

        return new StudyData("MIAS non-calcification lesions", bundles, [.. rows.Select(r => r.Malignant)], [.. rows.Select(r => r.Patient)],
            passes == 0 ? 0 : clock.Elapsed.TotalMilliseconds / passes, extra, stage2);
    }

    private static int StdLength => 2 * (ResNet18StageRunner.Stage3.Channels + ResNet18StageRunner.Stage4.Channels);

    /// <summary>Per channel, the standard deviation over the lesion's and the ring's cells of stages 3 and 4, each block sqrt-L2 normalised.</summary>
    private static float[] StdBlocks(StageOutputs outputs, int image, LesionGeometry geometry)
    {
        var result = new float[StdLength];
        var at = 0;
        foreach (var (shape, map) in new[] { (ResNet18StageRunner.Stage3, outputs.Stage3Of(image).ToArray()), (ResNet18StageRunner.Stage4, outputs.Stage4Of(image).ToArray()) })
        {
            foreach (var region in new[] { MapRegion.Lesion, MapRegion.Ring })
            {
                var cells = MapRegions.Build(geometry, region, shape.Height, shape.Width);
                var block = result.AsSpan(at, shape.Channels);
                for (var ch = 0; ch < shape.Channels; ch++)
                {
                    double sum = 0, squares = 0;
                    var count = 0;
                    for (var k = 0; k < shape.Cells; k++)
                    {
                        if (cells[k])
                        {
                            var v = map[(ch * shape.Cells) + k];
                            sum += v;
                            squares += v * v;
                            count++;
                        }
                    }

                    var mean = sum / count;
                    block[ch] = (float)Math.Sqrt(Math.Max(0, (squares / count) - (mean * mean)));
                }

                RegionPooling.SignedSquareRoot(block);
                RegionPooling.L2Normalize(block);
                at += shape.Channels;
            }
        }

        return result;
    }

    private static StudyData Dataset(string csv, string roots)
    {
        var dataset = MassDataset.Load(csv, roots);
        var all8 = Enumerable.Range(0, RoiPreprocessor.DihedralCount).ToArray();
        var bundles = new float[Crops.Length][][][];
        var clock = Stopwatch.StartNew();
        FeaturizedSet<MassCase>? first = null;
        for (var c = 0; c < Crops.Length; c++)
        {
            var set = Mammo.Featurization.FeatureSource.Create(ResNet18StageRunner.Shared, dataset.RoiOptions with { LesionCropFactor = Crops[c] }, Path.Combine(Path.GetTempPath(), "mammo-recipes-cache"))
                .Featurize(dataset.Cases, i => i.RoiPath, all8, false, null, default);
            first ??= set;
            bundles[c] = [.. all8.Select(d => set.Vectors([d]))];
        }

        return new StudyData(dataset.Name, bundles, [.. first!.Cases.Select(c => c.Record.IsMalignant)], [.. first.Cases.Select(c => c.Record.PatientId)],
            clock.Elapsed.TotalMilliseconds / (first.Count * all8.Length * Crops.Length), null, null);
    }

    private static string Key(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12];
}
