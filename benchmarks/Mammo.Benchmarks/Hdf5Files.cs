using PureHDF;
using System.Diagnostics;

namespace Mammo.Benchmarks;

/// <summary>Writes the h5py ROIs the HDF5 measurements read: H x W x 2 float32 gzip, h5py's default chunking and one chunk.</summary>
internal static class Hdf5Files
{
    public static readonly int[] Sides = [256, 512];

    private const string Script = """
        import sys, h5py, numpy as np
        out = sys.argv[1]
        for side in (256, 512):
            yy, xx = np.mgrid[0:side, 0:side]
            rs = np.random.RandomState(side)
            image = (0.3 + 0.2 * np.sin(xx / 9.0) * np.cos(yy / 7.0) + 0.05 * rs.rand(side, side)).astype('float32')
            mask = (((xx - side * 0.55) ** 2 + (yy - side * 0.45) ** 2) < (side * 0.15) ** 2).astype('float32')
            roi = np.stack([image, mask], axis=-1)
            with h5py.File(f'{out}/default_{side}.h5', 'w') as f:
                f.create_dataset('data', data=roi, compression='gzip')
            with h5py.File(f'{out}/single_{side}.h5', 'w') as f:
                f.create_dataset('data', data=roi, compression='gzip', chunks=roi.shape)
        """;

    public static string Write()
    {
        var directory = Path.Combine(Path.GetTempPath(), "mammo-benchmarks", "h5py");
        Directory.CreateDirectory(directory);
        var script = Path.Combine(directory, "make.py");
        File.WriteAllText(script, Script);
        using var python = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script, directory]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("python3 did not start");
        python.WaitForExit();
        if (python.ExitCode != 0)
        {
            throw new InvalidOperationException("Writing the h5py files failed (python3 with h5py is needed: Debian python3-h5py).");
        }

        return directory;
    }

    public static string Chunks(string path)
    {
        using var file = H5File.OpenRead(path);
        var layout = file.Dataset("data").Layout;
        return layout.Chunks is { } c ? string.Join(" x ", c) : layout.Class.ToString();
    }
}
