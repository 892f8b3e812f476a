using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Mammo.IO;
using PureHDF;
using PureHDF.Filters;
using PureHDF.VOL.Native;

namespace Mammo.Import;

/// <summary>
/// Writes an imported ROI as Mammo reads it back (<c>Hdf5RoiReader</c> with the default <c>RoiOptions</c>): dataset
/// <c>data</c>, H x W x 2, uint16, channel 0 the image window and channel 1 the lesion mask as 0/1.
/// </summary>
/// <remarks>
/// One chunk per file, gzip level 1: PureHDF 2.2 reads a many-chunk dataset about ten times slower. The file is written
/// under a temporary name beside the target and renamed into place, so a file under its real name is always complete
/// (importers rely on that to resume).
/// </remarks>
internal static class RoiWindowWriter
{
    /// <summary>The extension of imported ROI files.</summary>
    public const string Extension = ".h5";

    /// <summary>The ROI file of a case key in an import's output folder: <c>OUT/roi/&lt;case key&gt;.h5</c>.</summary>
    /// <param name="outputDirectory">The import's output folder.</param>
    /// <param name="caseKey">The row's case key.</param>
    /// <returns>The full path.</returns>
    public static string PathFor(string outputDirectory, string caseKey) =>
        Path.GetFullPath(Path.Combine(outputDirectory, "roi", caseKey + Extension));

    /// <summary>Writes one ROI file atomically.</summary>
    /// <param name="path">The target file (its folder is created if needed).</param>
    /// <param name="side">The window's side; both spans hold side x side samples, row-major.</param>
    /// <param name="image">The image window.</param>
    /// <param name="mask">The mask window: 0 outside the lesion, anything else inside (written as 1).</param>
    public static void Write(string path, int side, ReadOnlySpan<ushort> image, ReadOnlySpan<byte> mask)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(side);
        if (image.Length != side * side || mask.Length != side * side)
        {
            throw new ArgumentException($"A {side} x {side} window needs {side * side} samples per channel (image {image.Length}, mask {mask.Length}).");
        }

        // Interleaved as (image, mask) pairs: each pair is one 32-bit word, image in the low half (little-endian, as on
        // every platform .NET runs on), built by vector operations instead of a loop over pixels.
        var data = new ushort[side, side, 2];
        var pairs = MemoryMarshal.Cast<ushort, uint>(MemoryMarshal.CreateSpan(ref data[0, 0, 0], data.Length));
        var binary = new byte[mask.Length];
        TensorPrimitives.Min(mask, (byte)1, binary);
        var high = new uint[mask.Length];
        TensorPrimitives.ConvertChecked<byte, uint>(binary, high);
        TensorPrimitives.ShiftLeft(high, 16, high);
        TensorPrimitives.ConvertChecked<ushort, uint>(image, pairs);
        TensorPrimitives.BitwiseOr(pairs, high, pairs);

        var gzip = new List<H5Filter> { new(DeflateFilter.Id, new Dictionary<string, object> { [DeflateFilter.COMPRESSION_LEVEL] = 1 }) };
        var file = new H5File
        {
            ["data"] = new H5Dataset(data, chunks: [(uint)side, (uint)side, 2], datasetCreation: new H5DatasetCreation(Filters: gzip)),
        };

        AtomicFile.WriteVia(path, temporary => file.Write(temporary));
    }
}
