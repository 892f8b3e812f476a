using System.Diagnostics;
using Mammo.Rois;
using PureHDF;

namespace Mammo.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- hdf5</c>: decode time of h5py-written H x W x 2 float32 gzip ROIs, h5py's default
/// chunking against one chunk, through Mammo's reader and through PureHDF's plain whole-dataset read (the old path).
/// Needs /usr/bin/python3 with h5py (Debian python3-h5py).
/// </summary>
internal static class Hdf5Timing
{
    public static int Run(string[] args)
    {
        var directory = Hdf5Files.Write();
        foreach (var side in Hdf5Files.Sides)
        {
            var chunked = Path.Combine(directory, $"default_{side}.h5");
            var single = Path.Combine(directory, $"single_{side}.h5");
            var mammoChunked = Median(() => RoiReader.Read(chunked, RoiOptions.Default));
            var mammoSingle = Median(() => RoiReader.Read(single, RoiOptions.Default));
            var plainChunked = Median(() => PlainRead(chunked));
            var plainSingle = Median(() => PlainRead(single));
            Console.WriteLine(
                $"{side}x{side}x2 float32 gzip ({Hdf5Files.Chunks(chunked)} chunks): Mammo {mammoChunked:F1} ms vs one chunk {mammoSingle:F1} ms (ratio {mammoChunked / mammoSingle:F2}); " +
                $"PureHDF whole read {plainChunked:F1} ms vs {plainSingle:F1} ms (ratio {plainChunked / plainSingle:F2})");
        }

        return 0;
    }

    /// <summary>The read Mammo used before: one PureHDF read of the whole dataset.</summary>
    internal static int PlainRead(string path)
    {
        using var file = H5File.OpenRead(path);
        return file.Dataset("data").Read<float[]>().Length;
    }

    private static double Median(Action action)
    {
        action();
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < 5 || (total.ElapsedMilliseconds < 2000 && times.Count < 200))
        {
            var stopwatch = Stopwatch.StartNew();
            action();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
