using System.Diagnostics;
using System.Globalization;
using Mammo.Backbone;
using Mammo.CrossValidation;
using Mammo.Features;
using Mammo.Heads;
using Mammo.Preprocessing;
using Mammo.Rois;
using Microsoft.ML.OnnxRuntime;

namespace Mammo.Benchmarks;

/// <summary>
/// Audits each step a MIAS lesion takes on its way to the head, and measures preprocessing variants by repeated
/// cross-validation with fixed recipes: <c>mias-audit &lt;Info.txt&gt; &lt;images&gt; [variants] [png folder]</c>.
/// Checks the managed mean subtraction against <c>ResNetPreprocess.onnx</c> itself, writes the 224 x 224 inputs of a
/// few lesions as PNG (to look at), and prints a markdown table. Measurement only: trusted local files.
/// <c>mias-audit films &lt;Info.txt&gt; &lt;images&gt; &lt;folder&gt; mdbNNN...</c> writes films at half size with each lesion's
/// circle drawn under both readings of the database's y axis.
/// </summary>
/// <remarks>
/// Variants (comma-separated): <c>pipeline</c> (the window as imported, read as Hdf5RoiReader reads it, then
/// <c>RoiPreprocessor</c> as it is now), <c>raw</c> (the film's 8-bit scale), <c>cropstretch</c> (min-max of the sampled
/// square), <c>croppct</c> (its 1st-99th percentiles), <c>tensorstretch</c>; each may add <c>+cropF</c> (crop factor F),
/// <c>+fliplat</c> (right breasts mirrored), <c>+flipall</c> (every crop mirrored), <c>+mirroravg</c> (the mean of the
/// bundles of the crop and its mirror). Since preprocessing version 3 stretches the 224 x 224 input itself, every variant
/// ends in that stretch; the version-2 figures (stretch by the stored window) were measured with this tool on the commit
/// before the change. Environment: MAMMO_RECIPES, MAMMO_L2, MAMMO_REPEATS, MAMMO_HEAD=raw (unstandardised head).
/// </remarks>
internal static class MiasAudit
{
    public static int Run(string[] args)
    {
        var clock = Stopwatch.StartNew();
        if (args[0] == "films")
        {
            return WriteFilms(args[1], args[2], args[3], args[4..]);
        }

        CheckPreprocessGraph();
        var films = LoadLesions(args[0], args[1]);
        var variants = args.Length > 2 ? args[2].Split(',') : ["pipeline", "raw", "cropstretch"];
        var pngFolder = args.Length > 3 ? args[3] : Path.Combine(Path.GetTempPath(), "mias-audit-png");
        Directory.CreateDirectory(pngFolder);
        var labels = films.Select(f => f.Malignant).ToArray();
        var groups = films.Select(f => f.Patient).ToArray();
        var repeats = int.Parse(Environment.GetEnvironmentVariable("MAMMO_REPEATS") ?? "10", CultureInfo.InvariantCulture);
        var recipes = (Environment.GetEnvironmentVariable("MAMMO_RECIPES") ?? "pooled,pooled-sqrt-l2,s3-lesion-ring-sqrt-l2,s34-lesion-ring-sqrt-l2")
            .Split(',').Select(FeatureRecipe.Named).ToArray();
        var l2Grid = (Environment.GetEnvironmentVariable("MAMMO_L2") ?? "0.01,1").Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Console.WriteLine(FormattableString.Invariant(
            $"# {films.Count} lesions, {labels.Count(l => l)} malignant, {groups.Distinct().Count()} patients; {repeats} x 5-fold, exact logistic head"));
        Console.WriteLine("| variant | recipe | L2/example | mean AUC | sd |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var variant in variants)
        {
            var bundles = Featurize(films, variant, pngFolder);
            foreach (var recipe in recipes)
            {
                var vectors = recipe.Apply(bundles);
                foreach (var c in l2Grid)
                {
                    var fitter = new KernelLogisticFitter(standardize: Environment.GetEnvironmentVariable("MAMMO_HEAD") != "raw");
                    var result = RepeatedCrossValidation.Run(labels, groups, 5, repeats, 1, (train, test, _) =>
                    {
                        var score = fitter.Fit(train.Select(i => vectors[i]).ToArray(), train.Select(i => labels[i]).ToArray(), c);
                        return new ScoredFold(score(test.Select(i => vectors[i]).ToArray()), 0.5);
                    });
                    Console.WriteLine(FormattableString.Invariant($"| {variant} | {recipe.Name} | {c} | {result.AucMean:F3} | {result.AucSd:F3} |"));
                }
            }
        }

        Console.WriteLine(FormattableString.Invariant($"# total {clock.Elapsed.TotalSeconds:F0} s"));
        return 0;
    }

    /// <summary>Runs random RGB tensors through the package's preprocessing graph and through Mammo's managed copy of it.</summary>
    private static void CheckPreprocessGraph()
    {
        var backbone = ResNet18Backbone.Shared;
        var random = new Random(7);
        var rgb = new float[RoiPreprocessor.TensorLength];
        for (var i = 0; i < rgb.Length; i++)
        {
            rgb[i] = (float)(random.NextDouble() * 255);
        }

        var managed = new float[rgb.Length];
        backbone.ApplyPreprocessGraph(rgb, managed);
        using var session = new InferenceSession(backbone.PreprocessPath);
        var inputName = session.InputMetadata.Keys.Single();
        var shape = session.InputMetadata[inputName].Dimensions;
        using var input = OrtValue.CreateTensorValueFromMemory(rgb, [1, 3, 224, 224]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [inputName], [input], [session.OutputMetadata.Keys.Single()]);
        var graph = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var gap = graph.Zip(managed, (a, b) => Math.Abs(a - b)).Max();
        Console.WriteLine(FormattableString.Invariant(
            $"# preprocess graph input '{inputName}' [{string.Join(",", shape)}]: max |graph - managed| = {gap:G3} over {graph.Length} values"));

        // The mean image per channel as the graph subtracts it (graph output of a zero image, negated).
        using var zero = OrtValue.CreateTensorValueFromMemory(new float[rgb.Length], [1, 3, 224, 224]);
        using var zeroOut = session.Run(runOptions, [inputName], [zero], [session.OutputMetadata.Keys.Single()]);
        var z = zeroOut[0].GetTensorDataAsSpan<float>();
        const int plane = 224 * 224;
        for (var c = 0; c < 3; c++)
        {
            var s = z.Slice(c * plane, plane);
            double sum = 0;
            foreach (var v in s)
            {
                sum -= v;
            }

            Console.WriteLine(FormattableString.Invariant($"#   output channel {c}: mean image average {sum / plane:F2}"));
        }
    }

    private static float[][] Featurize(List<Lesion> films, string variant, string pngFolder)
    {
        if (variant.Contains("mirroravg", StringComparison.Ordinal))
        {
            // The mean of the bundles of the crop and its left-right mirror: features that do not depend on which way the breast faces.
            var plain = Featurize(films, variant.Replace("mirroravg", "", StringComparison.Ordinal), pngFolder);
            var mirrored = Featurize(films, variant.Replace("mirroravg", "flipall", StringComparison.Ordinal), pngFolder);
            return [.. plain.Zip(mirrored, (a, b) => a.Zip(b, (x, y) => (x + y) / 2).ToArray())];
        }

        var bundles = new float[films.Count][];
        const int batch = 16;
        for (var start = 0; start < films.Count; start += batch)
        {
            var count = Math.Min(batch, films.Count - start);
            var tensors = new float[count * RoiPreprocessor.TensorLength];
            var geometries = new LesionGeometry[count];
            for (var i = 0; i < count; i++)
            {
                var lesion = films[start + i];
                var (roi, options) = Make(lesion, variant);
                var dihedral = (variant.Contains("fliplat", StringComparison.Ordinal) && lesion.Right) || variant.Contains("flipall", StringComparison.Ordinal) ? 2 : 0;
                geometries[i] = LesionGeometry.Of(roi, options, dihedral);
                var tensor = tensors.AsSpan(i * RoiPreprocessor.TensorLength, RoiPreprocessor.TensorLength);
                RoiPreprocessor.Preprocess(roi, options, dihedral, tensor);
                if (variant.StartsWith("tensorstretch", StringComparison.Ordinal))
                {
                    // Min-max of the resampled input itself.
                    var min = System.Numerics.Tensors.TensorPrimitives.Min(tensor);
                    var max = System.Numerics.Tensors.TensorPrimitives.Max(tensor);
                    System.Numerics.Tensors.TensorPrimitives.Subtract(tensor, min, tensor);
                    System.Numerics.Tensors.TensorPrimitives.Multiply(tensor, 255f / Math.Max(1e-6f, max - min), tensor);
                }

                if ((start + i) % 9 == 0)
                {
                    WritePng(Path.Combine(pngFolder, $"{variant}-{lesion.Key}-{(lesion.Malignant ? "M" : "B")}-r{lesion.Radius}.png"), tensor, geometries[i]);
                }
            }

            var outputs = ResNet18StageRunner.Shared.Run(tensors, count);
            for (var i = 0; i < count; i++)
            {
                bundles[start + i] = FeatureBundle.Build(outputs, i, geometries[i]);
            }
        }

        return bundles;
    }

    /// <summary>The ROI and options of a variant: the window as the importer cuts it, intensities mapped as the variant says.</summary>
    private static (RoiImage Roi, RoiOptions Options) Make(Lesion lesion, string variant)
    {
        var crop = 2.5;
        foreach (var part in variant.Split('+'))
        {
            if (part.StartsWith("crop", StringComparison.Ordinal) && double.TryParse(part[4..], CultureInfo.InvariantCulture, out var f))
            {
                crop = f;
            }
        }

        var options = RoiOptions.Default with { LesionCropFactor = crop };
        var (side, left, top) = (lesion.WindowSide, lesion.WindowLeft, lesion.WindowTop);
        var window = (float[])lesion.Window.Clone();
        var bounds = lesion.Bounds;
        if (variant.StartsWith("pipeline", StringComparison.Ordinal))
        {
            // As mammo import + Hdf5RoiReader: min-max of the whole window.
            return (RoiImage.FromSamples(lesion.Key, side, side, window, bounds), options);
        }

        if (variant.StartsWith("tensorstretch", StringComparison.Ordinal))
        {
            return (new RoiImage(side, side, [.. window.Select(v => v / 255f)], bounds), options);
        }

        if (variant.StartsWith("raw", StringComparison.Ordinal))
        {
            // The film's own 8-bit scale: value / 255.
            return (new RoiImage(side, side, [.. window.Select(v => v / 255f)], bounds), options);
        }

        if (variant.StartsWith("croppct", StringComparison.Ordinal))
        {
            var probe = new RoiImage(side, side, window, bounds);
            var (cx, cy, s) = RoiPreprocessor.SquareToSample(probe, options);
            var values = new List<float>();
            for (var y = (int)Math.Floor(cy - (s / 2)); y < cy + (s / 2); y++)
            {
                for (var x = (int)Math.Floor(cx - (s / 2)); x < cx + (s / 2); x++)
                {
                    values.Add(window[(Math.Clamp(y, 0, side - 1) * side) + Math.Clamp(x, 0, side - 1)]);
                }
            }

            values.Sort();
            var lo = values[(int)(0.01 * (values.Count - 1))];
            var hi = values[(int)(0.99 * (values.Count - 1))];
            return (new RoiImage(side, side, [.. window.Select(v => Math.Clamp((v - lo) / Math.Max(1, hi - lo), 0, 1))], bounds), options);
        }

        if (variant.StartsWith("cropstretch", StringComparison.Ordinal))
        {
            // Min-max of the square that becomes the input.
            var probe = new RoiImage(side, side, window, bounds);
            var (cx, cy, s) = RoiPreprocessor.SquareToSample(probe, options);
            float min = float.MaxValue, max = float.MinValue;
            for (var y = (int)Math.Floor(cy - (s / 2)); y < cy + (s / 2); y++)
            {
                for (var x = (int)Math.Floor(cx - (s / 2)); x < cx + (s / 2); x++)
                {
                    var v = window[(Math.Clamp(y, 0, side - 1) * side) + Math.Clamp(x, 0, side - 1)];
                    (min, max) = (Math.Min(min, v), Math.Max(max, v));
                }
            }

            return (new RoiImage(side, side, [.. window.Select(v => Math.Clamp((v - min) / Math.Max(1, max - min), 0, 1))], bounds), options);
        }

        throw new ArgumentException($"unknown variant {variant}");
    }

    private static void WritePng(string path, ReadOnlySpan<float> tensor, LesionGeometry geometry)
    {
        var samples = new ushort[224 * 224];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (ushort)Math.Clamp(tensor[i], 0, 255);
        }

        // Mark the lesion ellipse's border so centring and share can be judged by eye.
        for (var k = 0; k < 720; k++)
        {
            var a = k * Math.PI / 360;
            var x = (int)((geometry.CentreX + (geometry.SemiAxisX * Math.Cos(a))) * 224);
            var y = (int)((geometry.CentreY + (geometry.SemiAxisY * Math.Sin(a))) * 224);
            if (x is >= 0 and < 224 && y is >= 0 and < 224)
            {
                samples[(y * 224) + x] = 255;
            }
        }

        File.WriteAllBytes(path, PngGrayscale.Encode(224, 224, 8, samples));
    }

    /// <summary>Writes films at half size with each lesion's circle: white with y from the bottom (MIAS), black dashed with y from the top.</summary>
    private static int WriteFilms(string infoPath, string imageDirectory, string folder, string[] films)
    {
        Directory.CreateDirectory(folder);
        foreach (var film in films)
        {
            var image = Mammo.Import.Mias.PgmImage.Read(Path.Combine(imageDirectory, film + ".pgm"));
            var half = new ushort[512 * 512];
            for (var y = 0; y < 512; y++)
            {
                for (var x = 0; x < 512; x++)
                {
                    half[(y * 512) + x] = image.Samples[(2 * y * image.Width) + (2 * x)];
                }
            }

            foreach (var line in File.ReadLines(infoPath).Where(l => l.StartsWith(film + " ", StringComparison.Ordinal)))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 7)
                {
                    continue;
                }

                var (cx, cy, r) = (int.Parse(f[4], CultureInfo.InvariantCulture), int.Parse(f[5], CultureInfo.InvariantCulture), int.Parse(f[6], CultureInfo.InvariantCulture));
                for (var k = 0; k < 1440; k++)
                {
                    var a = k * Math.PI / 720;
                    var x = (int)((cx + (r * Math.Cos(a))) / 2);
                    var yUp = (int)((image.Height - 1 - cy + (r * Math.Sin(a))) / 2);
                    var yDown = (int)((cy + (r * Math.Sin(a))) / 2);
                    if (x is >= 0 and < 512 && yUp is >= 0 and < 512)
                    {
                        half[(yUp * 512) + x] = 255;
                    }

                    if (x is >= 0 and < 512 && yDown is >= 0 and < 512 && (k / 20) % 2 == 0)
                    {
                        half[(yDown * 512) + x] = 0;
                    }
                }
            }

            File.WriteAllBytes(Path.Combine(folder, film + ".png"), PngGrayscale.Encode(512, 512, 8, half));
        }

        return 0;
    }

    private sealed record Lesion(
        string Key, string Patient, bool Malignant, bool Right, int Radius, float[] Window, int WindowSide, int WindowLeft, int WindowTop, LesionBounds Bounds);

    /// <summary>The 92 non-calcification lesions with coordinates, windows cut as <c>mammo import mias</c> cuts them.</summary>
    private static List<Lesion> LoadLesions(string infoPath, string imageDirectory)
    {
        var rows = new List<Lesion>();
        var perFilm = new Dictionary<int, int>();
        foreach (var line in File.ReadLines(infoPath))
        {
            var f = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 3 || !f[0].StartsWith("mdb", StringComparison.Ordinal) || f[2] == "NORM")
            {
                continue;
            }

            var film = int.Parse(f[0][3..], CultureInfo.InvariantCulture);
            perFilm[film] = perFilm.GetValueOrDefault(film) + 1;
            if (f.Length < 7 || f[2] == "CALC" || !int.TryParse(f[4], CultureInfo.InvariantCulture, out var x)
                || !int.TryParse(f[5], CultureInfo.InvariantCulture, out var y) || !int.TryParse(f[6], CultureInfo.InvariantCulture, out var radius))
            {
                continue;
            }

            var import = Mammo.Import.Mias.PgmImage.Read(Path.Combine(imageDirectory, f[0] + ".pgm"));
            var column = x;
            var row = import.Height - 1 - y;
            var w = Mammo.Import.RoiWindow.AroundCircle(import.Width, import.Height, column, row, radius);
            var pixels = w.CropImage<ushort>(import.Samples, import.Width, import.Height);
            var disc = w.Disc(column, row, radius);
            var bounds = LesionBounds.Find<byte>(disc, w.Side, 1, 0)!.Value;
            var patient = FormattableString.Invariant($"MIAS_{(film + 1) / 2:D3}");
            var key = FormattableString.Invariant($"{patient}_{(film % 2 == 0 ? "LEFT" : "RIGHT")}_MLO_{perFilm[film]}");
            rows.Add(new Lesion(key, patient, f[3] == "M", film % 2 == 1, radius, [.. pixels.Select(p => (float)p)], w.Side, w.Left, w.Top, bounds));
        }

        return rows;
    }
}
