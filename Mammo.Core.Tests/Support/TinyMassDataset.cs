using Mammo.Data;

namespace Mammo.Tests.Support;

/// <summary>
/// A dataset of a few patients, one 40 x 40 ROI each, written to a temporary folder: cheap enough for mutation runs.
/// Malignant ROIs have a contrast curve of gamma about 2.5, benign ones about 1 (the test backbone's block means tell
/// them apart); an unreadable ROI is a file of text bytes.
/// </summary>
internal static class TinyMassDataset
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<double, byte[]> Rois = new();

    /// <param name="directory">Where the CSV and the ROIs go.</param>
    /// <param name="malignant">One entry per patient (P_00001, P_00002, ...): whether its mass is malignant.</param>
    /// <param name="unreadable">Patients (1-based) whose ROI file is not an HDF5 file.</param>
    /// <param name="lookalikes">Benign patients (1-based) whose ROI has the malignant contrast, so the classes overlap.</param>
    /// <param name="midway">Patients (1-based) whose ROI's contrast lies halfway between the classes' (gamma 1.75).</param>
    public static MassDataset Write(TempDirectory directory, bool[] malignant, int[]? unreadable = null, int[]? lookalikes = null, int[]? midway = null)
    {
        var rows = new List<string>();
        for (var p = 1; p <= malignant.Length; p++)
        {
            var patient = $"P_{p:D5}";
            rows.Add(TestFiles.MassRow(patient: patient, pathology: malignant[p - 1] ? "MALIGNANT" : "BENIGN"));
            var file = directory.File($"{patient}_LEFT_CC_1.h5");
            if (unreadable?.Contains(p) == true)
            {
                File.WriteAllText(file, "not an HDF5 file");
            }
            else
            {
                var gamma = (midway?.Contains(p) == true ? 1.75 : malignant[p - 1] || lookalikes?.Contains(p) == true ? 2.5 : 1.0) + (0.04 * p);
                File.WriteAllBytes(file, Roi(gamma));
            }
        }

        return MassDataset.Load(TestFiles.WriteText(directory, "cases.csv", TestFiles.Csv(TestFiles.MassHeader, [.. rows])), directory.Path);
    }

    /// <summary>
    /// A ROI file's bytes, made once per gamma and test process: many tests write these datasets, and a mutation run
    /// repeats them for every mutant they reach. Only test code (PureHDF's writer) makes them, so no mutant reaches this cache.
    /// </summary>
    private static byte[] Roi(double gamma) => Rois.GetOrAdd(gamma, g =>
    {
        using var scratch = new TempDirectory();
        var path = TestFiles.WriteHdf5(scratch.File("roi.h5"), 40, 40, v => (byte)Math.Round(255 * Math.Pow(Math.Clamp(v, 0, 1), g)));
        return File.ReadAllBytes(path);
    });
}
