using PureHDF;
using PureHDF.Filters;
using PureHDF.VOL.Native;

namespace Mammo.Rois;

/// <summary>
/// Reads a ROI crop from an HDF5 file with PureHDF: a 2-D (H x W) or 3-D (H x W x C) dataset of uint8, uint16, int16,
/// float32 or float64, contiguous or chunked, with or without gzip and shuffle.
/// </summary>
/// <remarks>
/// PureHDF 2.2 decodes fletcher32-checksummed data to wrong values without an error, so that filter is refused; LZF
/// and other unknown filters are refused with the filter's name.
/// </remarks>
internal static class Hdf5RoiReader
{
    static Hdf5RoiReader() => H5Filter.Register(new RefusedFletcher32Filter());

    public static RoiImage Read(string path, RoiOptions options) => Read(path, () => H5File.OpenRead(path), options);

    /// <summary>Decodes a file's bytes already in memory (read once by the feature source, which also hashes them).</summary>
    public static RoiImage Read(string path, byte[] bytes, RoiOptions options) =>
        Read(path, () => H5File.Open(new MemoryStream(bytes, writable: false), leaveOpen: false), options);

    private static RoiImage Read(string path, Func<NativeFile> open, RoiOptions options)
    {
        try
        {
            using var file = open();
            return ReadDataset(path, file, options);
        }
        catch (MammoException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PureHDF reports damaged or foreign files through many exception types, and wraps filter errors.
            var innermost = e;
            while (innermost.InnerException is not null && innermost is not RefusedFilterException)
            {
                innermost = innermost.InnerException;
            }

            var reason = innermost is RefusedFilterException
                ? innermost.Message
                : e.Message.Contains("filter", StringComparison.OrdinalIgnoreCase) || innermost.Message.Contains("filter", StringComparison.OrdinalIgnoreCase)
                    ? $"uses a compression filter Mammo cannot read ({innermost.Message}); re-save it with gzip or without compression"
                    : $"is not a readable HDF5 file ({innermost.GetType().Name}: {innermost.Message})";
            throw new RoiFormatException(path, reason, e);
        }
    }

    private static RoiImage ReadDataset(string path, IH5Group file, RoiOptions options)
    {
        if (!file.LinkExists(options.DatasetName))
        {
            var found = string.Join(", ", file.Children().Select(child => $"'{child.Name}'"));
            throw new RoiFormatException(
                path, $"has no dataset '{options.DatasetName}' (found: {(found.Length == 0 ? "nothing" : found)})");
        }

        if (file.Get(options.DatasetName) is not IH5Dataset dataset)
        {
            throw new RoiFormatException(path, $"'{options.DatasetName}' is a group, not a dataset");
        }

        var dims = dataset.Space.Dimensions;
        if (dims.Length is not (2 or 3))
        {
            throw new RoiFormatException(
                path, $"dataset '{options.DatasetName}' has rank {dims.Length} ({string.Join(" x ", dims)}); an H x W or H x W x C image is expected");
        }

        RoiImage.CheckSize(path, (long)dims[1], (long)dims[0]);
        var (height, width) = ((int)dims[0], (int)dims[1]);
        var channels = dims.Length == 3 ? (int)dims[2] : 1;
        if (channels is < 1 or > 16)
        {
            throw new RoiFormatException(path, $"dataset '{options.DatasetName}' has {channels} channels; an image has 1 to 16");
        }

        if (dims.Length == 3 && options.ImageChannel >= channels)
        {
            throw new RoiFormatException(
                path, $"dataset '{options.DatasetName}' has {channels} channel(s); image channel {options.ImageChannel} does not exist");
        }

        // One read of the whole dataset, then split into channels: PureHDF is much slower with hyperslab selections.
        var maskChannel = dims.Length == 3 && options.MaskChannel is { } m && m < channels && m != options.ImageChannel ? m : -1;
        var image = new float[height * width];
        LesionBounds? lesion = null;
        var type = dataset.Type;
        bool? signed = type.Class == H5DataTypeClass.FixedPoint ? type.FixedPoint.IsSigned : null;
        switch (type.Class, type.Size, signed)
        {
            case (H5DataTypeClass.FixedPoint, 1, false):
                lesion = Split(dataset.Read<byte[]>(), width, channels, options.ImageChannel, maskChannel, image);
                break;
            case (H5DataTypeClass.FixedPoint, 2, false):
                lesion = Split(dataset.Read<ushort[]>(), width, channels, options.ImageChannel, maskChannel, image);
                break;
            case (H5DataTypeClass.FixedPoint, 2, true):
                lesion = Split(dataset.Read<short[]>(), width, channels, options.ImageChannel, maskChannel, image);
                break;
            case (H5DataTypeClass.FloatingPoint, 4, _):
                lesion = Split(dataset.Read<float[]>(), width, channels, options.ImageChannel, maskChannel, image);
                break;
            case (H5DataTypeClass.FloatingPoint, 8, _):
                lesion = Split(dataset.Read<double[]>(), width, channels, options.ImageChannel, maskChannel, image);
                break;
            default:
                throw new RoiFormatException(
                    path, $"pixel type {type.Class} of {type.Size} byte(s){(signed == true ? ", signed" : "")} is not supported (uint8, uint16, int16, float32 or float64 are)");
        }

        return RoiImage.FromSamples(path, width, height, image, lesion);
    }

    /// <summary>Copies the image channel out of interleaved H x W x C samples as floats, and finds the mask channel's lesion.</summary>
    private static LesionBounds? Split<T>(T[] samples, int width, int channels, int imageChannel, int maskChannel, float[] image)
        where T : struct, System.Numerics.INumberBase<T>
    {
        for (int i = 0, offset = imageChannel; i < image.Length; i++, offset += channels)
        {
            image[i] = float.CreateTruncating(samples[offset]);
        }

        return maskChannel < 0 ? null : LesionBounds.Find(samples, width, channels, maskChannel);
    }

    private sealed class RefusedFilterException(string message) : Exception(message);

    /// <summary>Stands in for PureHDF's fletcher32 filter: reading is refused (PureHDF returns wrong values), writing is left to PureHDF.</summary>
    private sealed class RefusedFletcher32Filter : IH5Filter
    {
        private readonly Fletcher32Filter writer = new();

        public ushort FilterId => Fletcher32Filter.Id;

        public string Name => "fletcher32 (reading refused by Mammo)";

        public Memory<byte> Filter(FilterInfo info) => info.Flags.HasFlag(H5FilterFlags.Decompress)
            ? throw new RefusedFilterException("uses the fletcher32 checksum filter, which PureHDF decodes to wrong values; re-save the file without it")
            : writer.Filter(info);

        public uint[] GetParameters(uint[] chunkDimensions, uint typeSize, Dictionary<string, object>? options) =>
            writer.GetParameters(chunkDimensions, typeSize, options);
    }
}
