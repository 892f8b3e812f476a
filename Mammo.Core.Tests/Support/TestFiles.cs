using Mammo.Rois;
using PureHDF;
using PureHDF.Filters;
using PureHDF.VOL.Native;

namespace Mammo.Tests.Support;

/// <summary>Small hand-made inputs: CSV text and HDF5 / PNG ROI files.</summary>
public static class TestFiles
{
    public const string MassHeader =
        "patient_id,breast_density,left or right breast,image view,abnormality id,abnormality type,mass shape,mass margins,assessment,pathology,subtlety,image file path,cropped image file path,ROI mask file path";

    public const string CalcHeader =
        "patient_id,breast density,left or right breast,image view,abnormality id,abnormality type,calc type,calc distribution,assessment,pathology,subtlety,image file path,cropped image file path,ROI mask file path";

    /// <summary>A mass row as the official files have it: the last field quoted, holding a newline.</summary>
    public static string MassRow(
        string patient = "P_00001", string side = "LEFT", string view = "CC", int id = 1, string shape = "IRREGULAR-ARCHITECTURAL_DISTORTION",
        string margins = "SPICULATED", string pathology = "MALIGNANT", int density = 3, int assessment = 4, int subtlety = 4)
    {
        var key = $"{patient}_{side}_{view}_{id}";
        return $"{patient},{density},{side},{view},{id},mass,{shape},{margins},{assessment},{pathology},{subtlety}," +
            $"Mass-Training_{patient}_{side}_{view}/1.3.6.1/1.3.6.2/000000.dcm,Mass-Training_{key}/1.3.6.3/1.3.6.4/000000.dcm," +
            $"\"Mass-Training_{key}/1.3.6.3/1.3.6.4/000001.dcm\n\"";
    }

    public static string Csv(string header, params string[] rows) => string.Join("\r\n", [header, .. rows]) + "\r\n";

    public static string WriteText(TempDirectory directory, string name, string text)
    {
        var path = directory.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A smooth test image with a bright disc (the "lesion") and its mask.</summary>
    public static (double[] Image, double[] Mask) Disc(int width, int height, double cx, double cy, double radius)
    {
        var image = new double[width * height];
        var mask = new double[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inside = ((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) < radius * radius;
                image[(y * width) + x] = (0.3 + (0.2 * Math.Sin(x / 9.0) * Math.Cos(y / 7.0))) + (inside ? 0.4 : 0);
                mask[(y * width) + x] = inside ? 1 : 0;
            }
        }

        return (image, mask);
    }

    /// <summary>Writes an H x W x 2 (image, mask) or H x W HDF5 ROI of the given element type.</summary>
    public static string WriteHdf5<T>(
        string path, int width, int height, Func<double, T> convert, bool withMask = true, bool gzip = true, string dataset = "data", H5Filter? extraFilter = null)
    {
        var (image, mask) = Disc(width, height, width * 0.55, height * 0.45, Math.Min(width, height) * 0.15);
        object data;
        uint[] chunks;
        if (withMask)
        {
            var cube = new T[height, width, 2];
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    cube[y, x, 0] = convert(image[(y * width) + x]);
                    cube[y, x, 1] = convert(mask[(y * width) + x]);
                }
            }

            data = cube;
            chunks = [(uint)height, (uint)width, 2];
        }
        else
        {
            var plane = new T[height, width];
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    plane[y, x] = convert(image[(y * width) + x]);
                }
            }

            data = plane;
            chunks = [(uint)height, (uint)width];
        }

        var filters = new List<H5Filter>();
        if (gzip)
        {
            filters.Add(new H5Filter(DeflateFilter.Id, new Dictionary<string, object> { [DeflateFilter.COMPRESSION_LEVEL] = 1 }));
        }

        if (extraFilter is not null)
        {
            filters.Add(extraFilter);
        }

        var file = new H5File
        {
            [dataset] = filters.Count > 0
                ? new H5Dataset(data, chunks: chunks, datasetCreation: new H5DatasetCreation(Filters: filters))
                : new H5Dataset(data),
        };
        file.Write(path);
        return path;
    }

    /// <summary>Writes an H x W x C float32 HDF5 ROI, one plane per channel.</summary>
    public static string WriteHdf5Channels(string path, int width, int height, params double[][] channels)
    {
        var cube = new float[height, width, channels.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < channels.Length; c++)
                {
                    cube[y, x, c] = (float)channels[c][(y * width) + x];
                }
            }
        }

        new H5File { ["data"] = new H5Dataset(cube) }.Write(path);
        return path;
    }

    public static string WritePng(string path, int width, int height, int bitDepth)
    {
        var (image, _) = Disc(width, height, width / 2.0, height / 2.0, Math.Min(width, height) * 0.2);
        var max = bitDepth == 16 ? 65535 : 255;
        var samples = image.Select(v => (ushort)Math.Round(v * max)).ToArray();
        File.WriteAllBytes(path, PngGrayscale.Encode(width, height, bitDepth, samples));
        return path;
    }

    /// <summary>Writes an 8-bit PNG lesion mask: 255 inside the square [from, to) on both axes, 0 elsewhere.</summary>
    public static string WritePngMask(string path, int width, int height, int from, int to)
    {
        var mask = Enumerable.Range(0, width * height)
            .Select(i => (ushort)((i % width) >= from && (i % width) < to && (i / width) >= from && (i / width) < to ? 255 : 0)).ToArray();
        File.WriteAllBytes(path, PngGrayscale.Encode(width, height, 8, mask));
        return path;
    }
}
