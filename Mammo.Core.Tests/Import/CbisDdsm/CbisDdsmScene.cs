using Mammo.Tests.Support;
using PureHDF;
using StbImageWriteSharp;

namespace Mammo.Tests.Import.CbisDdsm;

/// <summary>
/// Small synthetic CBIS-DDSM downloads built on the fly: full images of 300 x 200 with bright discs as lesions, masks
/// as 0/255 discs, crops cut from the full image; written as DICOM (test writer) or as JPEG (StbImageWriteSharp).
/// </summary>
public static class CbisDdsmScene
{
    public const int Width = 300;
    public const int Height = 200;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TestDicom> Images = new();

    public static int Full16(int x, int y, IEnumerable<Lesion> lesions) =>
        1000 + (int)(300 * Math.Sin(x / 9.0) * Math.Cos(y / 7.0)) + (lesions.Any(l => l.Contains(x, y)) ? 2000 : 0);

    public static int Full8(int x, int y, IEnumerable<Lesion> lesions) =>
        80 + (int)(30 * Math.Sin(x / 9.0) * Math.Cos(y / 7.0)) + (lesions.Any(l => l.Contains(x, y)) ? 100 : 0);

    public static TestDicom FullDicom(params Lesion[] lesions) =>
        Built($"full {string.Join(";", lesions)}", () => TestDicom.Filled(Width, Height, (x, y) => Full16(x, y, lesions)) with
        {
            SeriesDescription = "full mammogram images",
        });

    public static TestDicom MaskDicom(Lesion lesion, int width = Width, int height = Height) =>
        Built($"mask {lesion} {width}x{height}", () =>
            TestDicom.Filled(width, height, (x, y) => lesion.Contains(x, y) ? 255 : 0, bits: 8) with { SeriesDescription = "ROI mask images" });

    public static TestDicom CropDicom(Lesion lesion, params Lesion[] all)
    {
        var (left, top) = (lesion.X - lesion.R, lesion.Y - lesion.R);
        var side = (2 * lesion.R) + 1;
        return Built($"crop {lesion} of {string.Join(";", all)}", () =>
            TestDicom.Filled(side, side, (x, y) => Full16(left + x, top + y, all)) with { SeriesDescription = "cropped images" });
    }

    /// <summary>
    /// Each image is computed once per test process: many tests build the same scenes, and a mutation run repeats them
    /// for every mutant they reach. Only test code computes them, so no mutant can reach this cache.
    /// </summary>
    private static TestDicom Built(string key, Func<TestDicom> build) => Images.GetOrAdd(key, _ => build());

    public static void WriteJpeg(string path, int width, int height, Func<int, int, int> value)
    {
        var data = new byte[width * height];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)Math.Clamp(value(i % width, i / width), 0, 255);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        new ImageWriter().WriteJpg(data, width, height, ColorComponents.Grey, stream, 85);
    }

    /// <summary>A mass CSV row (official layout of paths: full image folder, then the abnormality's folder for crop and mask).</summary>
    public static string Row(string patient, string side, string view, int id, string pathology = "MALIGNANT", string split = "Training")
    {
        var full = $"Mass-{split}_{patient}_{side}_{view}";
        var roi = $"{full}_{id}";
        return $"{patient},3,{side},{view},{id},mass,OVAL,CIRCUMSCRIBED,4,{pathology},3," +
            $"{full}/1.3.6.1.{id}/1.3.6.2.{id}/000000.dcm,{roi}/1.3.6.3.{id}/1.3.6.4.{id}/000000.dcm,\"{roi}/1.3.6.3.{id}/1.3.6.4.{id}/000001.dcm\n\"";
    }

    public static string Csv(params string[] rows) => TestFiles.Csv(TestFiles.MassHeader, rows);

    /// <summary>Reads an imported ROI: side and the two channels.</summary>
    public static (int Side, ushort[] Image, ushort[] Mask) ReadRoi(string path)
    {
        using var file = H5File.OpenRead(path);
        var dataset = file.Dataset("data");
        var dims = dataset.Space.Dimensions;
        Assert.Equal(3, dims.Length);
        Assert.Equal(dims[0], dims[1]);
        Assert.Equal(2ul, dims[2]);
        var side = (int)dims[0];
        var data = dataset.Read<ushort[]>();
        var image = new ushort[side * side];
        var mask = new ushort[side * side];
        for (var i = 0; i < image.Length; i++)
        {
            image[i] = data[2 * i];
            mask[i] = data[(2 * i) + 1];
        }

        return (side, image, mask);
    }

    /// <summary>Checks that the ROI's mask is the lesion's disc, centred in the window, and returns the window's position in the full image.</summary>
    public static (int Left, int Top, int Side, ushort[] Image) AssertCentredOn(string roiPath, Lesion lesion, int tolerance = 0)
    {
        var (side, image, mask) = ReadRoi(roiPath);
        Assert.True(mask.All(m => m <= 1), "the mask channel holds values other than 0 and 1");
        double count = 0, sumX = 0, sumY = 0;
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i] == 1)
            {
                count++;
                sumX += i % side;
                sumY += i / side;
            }
        }

        // The whole disc is in the window, and nothing else.
        var expected = Enumerable.Range(0, Width * Height).Count(i => lesion.Contains(i % Width, i / Width));
        Assert.InRange(count, expected - tolerance, expected + tolerance);
        var (cx, cy) = ((sumX / count) + 0.5, (sumY / count) + 0.5);
        Assert.InRange(cx, (side / 2.0) - 1, (side / 2.0) + 1);
        Assert.InRange(cy, (side / 2.0) - 1, (side / 2.0) + 1);
        var left = lesion.X - (int)Math.Round(cx - 0.5);
        var top = lesion.Y - (int)Math.Round(cy - 0.5);
        return (left, top, side, image);
    }

    public readonly record struct Lesion(int X, int Y, int R)
    {
        public bool Contains(int x, int y) => ((x - X) * (x - X)) + ((y - Y) * (y - Y)) <= R * R;
    }
}
