using System.Diagnostics;
using System.Globalization;
using Mammo.Import.CbisDdsm;
using Mammo.Tests.Support;

namespace Mammo.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Mammo.Benchmarks -- import-cbis-ddsm [full images] [width] [height]</c>:
/// writes a synthetic CBIS-DDSM download in the CSVs' layout (16-bit full images of the given size, two abnormalities
/// each, 8-bit full-size masks, crops), then imports it in a child process and prints the time per row and the
/// child's peak working set. The child only imports, so its peak is the importer's; compare several counts of full
/// images to see that memory does not grow with the number of rows.
/// </summary>
internal static class ImportBenchmark
{
    public const string Verb = "import-cbis-ddsm";
    private const string ChildVerb = "import-cbis-ddsm-child";

    public static int Run(string[] args)
    {
        if (args is [ChildVerb, var csv, var images, var output])
        {
            return Child(csv, images, output);
        }

        var fullImages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4;
        var width = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3000;
        var height = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5000;
        var root = Path.Combine(Path.GetTempPath(), "mammo-import-benchmark", $"{fullImages}x{width}x{height}");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var clock = Stopwatch.StartNew();
        var csvPath = Generate(root, fullImages, width, height);
        Console.WriteLine($"wrote {fullImages} full images of {width} x {height} (16-bit) with 2 abnormalities each in {clock.Elapsed.TotalSeconds:F1} s");
        string[] childArgs = [Verb, ChildVerb, csvPath, Path.Combine(root, "images"), Path.Combine(root, "out")];

        // Under 'dotnet Mammo.Benchmarks.dll' the process is the host: give it the assembly again.
        var host = Environment.ProcessPath!;
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            childArgs = [typeof(ImportBenchmark).Assembly.Location, .. childArgs];
        }

        using var child = Process.Start(new ProcessStartInfo(host, childArgs))!;
        child.WaitForExit();
        Directory.Delete(root, recursive: true);
        return child.ExitCode;
    }

    private static int Child(string csv, string images, string output)
    {
        var options = new CbisDdsmImportOptions { CsvFiles = [csv], ImageDirectory = images, OutputDirectory = output };
        var clock = Stopwatch.StartNew();
        var result = CbisDdsmImporter.Import(options);
        var first = clock.Elapsed;
        clock.Restart();
        var again = CbisDdsmImporter.Import(options);
        var resumed = clock.Elapsed;
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(FormattableString.Invariant(
            $"imported {result.Imported} rows ({result.Skipped.Count} skipped) in {first.TotalSeconds:F2} s: {first.TotalMilliseconds / Math.Max(1, result.Imported):F0} ms per row, {first.TotalMilliseconds * 2 / Math.Max(1, result.Imported):F0} ms per full image"));
        Console.WriteLine(FormattableString.Invariant($"second run over the same output: {again.Kept} rows kept in {resumed.TotalMilliseconds:F0} ms"));
        Console.WriteLine(FormattableString.Invariant($"peak working set of the importing process: {process.PeakWorkingSet64 / 1048576.0:F0} MB"));
        return 0;
    }

    private static string Generate(string root, int fullImages, int width, int height)
    {
        var rows = new List<string>();
        var random = new Random(1);
        for (var n = 1; n <= fullImages; n++)
        {
            var patient = FormattableString.Invariant($"P_{n:D5}");
            var folder = Path.Combine(root, "images", $"Mass-Training_{patient}_LEFT_CC");
            var lesions = new[] { (X: width / 3, Y: height / 3, R: 60 + random.Next(100)), (X: 2 * width / 3, Y: 2 * height / 3, R: 30 + random.Next(60)) };
            TestDicom.Filled(width, height, (x, y) => 8000 + ((x * 7) + (y * 3)) % 4000 + (lesions.Any(l => Inside(l, x, y)) ? 10000 : 0))
                .Write(Path.Combine(folder, "1.1", "1.2", "000000.dcm"));
            for (var id = 1; id <= 2; id++)
            {
                var lesion = lesions[id - 1];
                var roi = Path.Combine(root, "images", $"Mass-Training_{patient}_LEFT_CC_{id}", "1.3", "1.4");
                TestDicom.Filled(2 * lesion.R, 2 * lesion.R, (x, y) => 1000 + x + y).Write(Path.Combine(roi, "000000.dcm"));
                TestDicom.Filled(width, height, (x, y) => Inside(lesion, x, y) ? 255 : 0, bits: 8).Write(Path.Combine(roi, "000001.dcm"));
                var key = $"Mass-Training_{patient}_LEFT_CC";
                rows.Add($"{patient},3,LEFT,CC,{id},mass,OVAL,CIRCUMSCRIBED,4,MALIGNANT,3,{key}/1.1/1.2/000000.dcm,{key}_{id}/1.3/1.4/000000.dcm,\"{key}_{id}/1.3/1.4/000001.dcm\n\"");
            }
        }

        var csv = Path.Combine(root, "mass_case_description_train_set.csv");
        File.WriteAllText(
            csv,
            "patient_id,breast_density,left or right breast,image view,abnormality id,abnormality type,mass shape,mass margins,assessment,pathology,subtlety,image file path,cropped image file path,ROI mask file path\r\n" +
            string.Join("\r\n", rows) + "\r\n");
        return csv;
    }

    private static bool Inside((int X, int Y, int R) lesion, int x, int y) =>
        ((x - lesion.X) * (x - lesion.X)) + ((y - lesion.Y) * (y - lesion.Y)) <= lesion.R * lesion.R;
}
