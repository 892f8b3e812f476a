using System.Reflection;
using System.Runtime.InteropServices;
using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace Mammo.Rois;

/// <summary>
/// Reads a ROI crop from an HDF5 file with PureHDF: a 2-D (H x W) or 3-D (H x W x C) dataset of uint8, uint16, int16,
/// float32 or float64, contiguous or chunked, with or without gzip and shuffle.
/// </summary>
/// <remarks>
/// <para>The dataset's filter pipeline is inspected before any data is read: only gzip (deflate) and shuffle are
/// accepted. Fletcher32 is refused because PureHDF 2.2 decodes it to wrong values without an error; LZF and any other
/// filter are refused with the filter's name. No filter is registered with PureHDF, so nothing process-wide changes.</para>
/// <para>Speed: PureHDF copies a many-chunk dataset (h5py's default chunking with compression) element by element,
/// about ten times slower than a single chunk. So a dataset of several chunks is read chunk by chunk through a chunk
/// cache that receives each decoded chunk once and copies the image and mask channels out of it directly.</para>
/// </remarks>
internal static class Hdf5RoiReader
{
    private const ushort DeflateId = 1;
    private const ushort ShuffleId = 2;
    private const ushort Fletcher32Id = 3;

    // PureHDF 2.2 has no public view of a dataset's filter pipeline; its reader keeps it here. A test pins this.
    private static readonly PropertyInfo? FilterPipelineProperty =
        typeof(NativeDataset).GetProperty("InternalFilterPipeline", BindingFlags.Instance | BindingFlags.NonPublic);

    public static RoiImage Read(string path, RoiOptions options) => Read(path, () => H5File.OpenRead(path), options);

    /// <summary>Decodes a file's bytes already in memory (read once by the feature source, which also hashes them).</summary>
    public static RoiImage Read(string path, byte[] bytes, RoiOptions options) =>
        Read(path, () => H5File.Open(new MemoryStream(bytes, writable: false), leaveOpen: false), options);

    private static RoiImage Read(string path, Func<NativeFile> open, RoiOptions options)
    {
        NativeFile file;
        try
        {
            file = open();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new RoiFormatException(path, $"is not a readable HDF5 file ({e.GetType().Name}: {e.Message})", e);
        }

        using (file)
        {
            try
            {
                return ReadDataset(path, file, options);
            }
            catch (MammoException)
            {
                throw;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The structure was checked before reading, so what remains is damage PureHDF stumbled on.
                throw new RoiFormatException(path, $"is a damaged HDF5 file ({e.GetType().Name}: {e.Message})", e);
            }
        }
    }

    /// <summary>The identifiers and names of a dataset's filters, in pipeline order.</summary>
    internal static IReadOnlyList<(ushort Id, string? Name)> Filters(NativeDataset dataset)
    {
        if (FilterPipelineProperty is null)
        {
            throw new InvalidOperationException("This PureHDF version does not expose the filter pipeline Mammo checks; update Hdf5RoiReader.");
        }

        if (FilterPipelineProperty.GetValue(dataset) is not { } pipeline)
        {
            return [];
        }

        var descriptions = pipeline.GetType().GetProperty("FilterDescriptions")?.GetValue(pipeline) as Array ?? Array.Empty<object>();
        var filters = new List<(ushort, string?)>();
        foreach (var description in descriptions)
        {
            var type = description.GetType();
            filters.Add(((ushort)type.GetProperty("Identifier")!.GetValue(description)!, type.GetProperty("Name")?.GetValue(description) as string));
        }

        return filters;
    }

    private static RoiImage ReadDataset(string path, NativeFile file, RoiOptions options)
    {
        if (!file.LinkExists(options.DatasetName))
        {
            var found = string.Join(", ", file.Children().Select(child => $"'{child.Name}'"));
            throw new RoiFormatException(
                path, $"has no dataset '{options.DatasetName}' (found: {(found.Length == 0 ? "nothing" : found)})");
        }

        if (file.Get(options.DatasetName) is not NativeDataset dataset)
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

        CheckFilters(path, options.DatasetName, dataset);
        var maskChannel = dims.Length == 3 && options.MaskChannel is { } m && m < channels && m != options.ImageChannel ? m : -1;
        var shape = new Shape(path, height, width, channels, options.ImageChannel, maskChannel);
        var type = dataset.Type;
        bool? signed = type.Class == H5DataTypeClass.FixedPoint ? type.FixedPoint.IsSigned : null;
        var (image, lesion) = (type.Class, type.Size, signed) switch
        {
            (H5DataTypeClass.FixedPoint, 1, false) => ReadPlanes<byte>(dataset, shape),
            (H5DataTypeClass.FixedPoint, 2, false) => ReadPlanes<ushort>(dataset, shape),
            (H5DataTypeClass.FixedPoint, 2, true) => ReadPlanes<short>(dataset, shape),
            (H5DataTypeClass.FloatingPoint, 4, _) => ReadPlanes<float>(dataset, shape),
            (H5DataTypeClass.FloatingPoint, 8, _) => ReadPlanes<double>(dataset, shape),
            _ => throw new RoiFormatException(
                path, $"pixel type {type.Class} of {type.Size} byte(s){(signed == true ? ", signed" : "")} is not supported (uint8, uint16, int16, float32 or float64 are)"),
        };
        return RoiImage.FromSamples(path, width, height, image, lesion);
    }

    /// <summary>Refuses, before any data is read, a filter PureHDF cannot decode or decodes wrongly.</summary>
    private static void CheckFilters(string path, string datasetName, NativeDataset dataset)
    {
        foreach (var (id, name) in Filters(dataset))
        {
            switch (id)
            {
                case DeflateId or ShuffleId:
                    continue;
                case Fletcher32Id:
                    throw new RoiFormatException(
                        path, $"dataset '{datasetName}' uses the fletcher32 checksum filter, which PureHDF decodes to wrong values; re-save the file without it");
                default:
                    throw new RoiFormatException(
                        path, $"dataset '{datasetName}' uses the compression filter '{name ?? "unnamed"}' (id {id}), which Mammo cannot read; re-save it with gzip or without compression");
            }
        }
    }

    /// <summary>Reads the image channel as floats and finds the mask channel's lesion.</summary>
    private static (float[] Image, LesionBounds? Lesion) ReadPlanes<T>(NativeDataset dataset, Shape shape)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        if (ChunkedPlanes<T>(dataset, shape) is { } planes)
        {
            var lesion = planes.Mask is null ? null : LesionBounds.Find<T>(planes.Mask, shape.Width, 1, 0, shape.Path, $"channel {shape.MaskChannel}");
            return (planes.Image, lesion);
        }

        // One read of the whole dataset, then split into channels: PureHDF is much slower with a channel hyperslab.
        var samples = dataset.Read<T[]>();
        var image = new float[shape.Height * shape.Width];
        for (int i = 0, offset = shape.ImageChannel; i < image.Length; i++, offset += shape.Channels)
        {
            image[i] = float.CreateTruncating(samples[offset]);
        }

        return (image, shape.MaskChannel < 0
            ? null
            : LesionBounds.Find<T>(samples, shape.Width, shape.Channels, shape.MaskChannel, shape.Path, $"channel {shape.MaskChannel}"));
    }

    /// <summary>
    /// Reads a dataset of several chunks chunk by chunk, or returns <see langword="null"/> when the plain read is the
    /// one to use (contiguous or single-chunk data, chunks never written, or stored bytes that are not the values).
    /// </summary>
    /// <remarks>
    /// A selection of one element per chunk makes PureHDF decode every chunk once and hand it to
    /// <see cref="ChunkSink{T}"/>, which copies the wanted channels out. The element PureHDF itself returns for each
    /// chunk is compared with the chunk's first stored value, so a layout or byte order this path does not expect falls
    /// back to the plain read instead of giving wrong pixels.
    /// </remarks>
    private static (float[] Image, T[]? Mask)? ChunkedPlanes<T>(NativeDataset dataset, Shape shape)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        var rank = dataset.Space.Dimensions.Length;
        if (dataset.Layout.Class != H5DataLayoutClass.Chunked || dataset.Layout.Chunks is not { } chunkDims || chunkDims.Length != rank)
        {
            return null;
        }

        var chunk = new[] { (int)chunkDims[0], (int)chunkDims[1], rank == 3 ? (int)chunkDims[2] : 1 };
        var grid = new[] { Ceiling(shape.Height, chunk[0]), Ceiling(shape.Width, chunk[1]), Ceiling(shape.Channels, chunk[2]) };
        var chunkCount = (long)grid[0] * grid[1] * grid[2];
        if (chunkCount <= 1 || chunk.Any(c => c <= 0))
        {
            return null;
        }

        var sink = new ChunkSink<T>(shape, chunk, grid);
        var selection = new HyperslabSelection(
            rank,
            new ulong[rank],
            [.. chunk.Take(rank).Select(c => (ulong)c)],
            [.. grid.Take(rank).Select(g => (ulong)g)],
            [.. Enumerable.Repeat(1UL, rank)]);
        var corners = dataset.Read<T[]>(new H5DatasetAccess(ChunkCache: sink), selection, memoryDims: [(ulong)chunkCount]);
        return sink.Complete(corners) ? (sink.Image, sink.Mask) : null;
    }

    private static int Ceiling(int value, int step) => (value + step - 1) / step;

    /// <summary>The dataset's shape and the channels wanted from it.</summary>
    private sealed record Shape(string Path, int Height, int Width, int Channels, int ImageChannel, int MaskChannel);

    /// <summary>A chunk cache that copies each decoded chunk's image and mask samples out as PureHDF hands it over.</summary>
    private sealed class ChunkSink<T>(Shape shape, int[] chunk, int[] grid) : IReadingChunkCache
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        private readonly T[] firsts = new T[grid[0] * grid[1] * grid[2]];
        private readonly bool[] seen = new bool[grid[0] * grid[1] * grid[2]];
        private bool unexpected;

        public float[] Image { get; } = new float[shape.Height * shape.Width];

        public T[]? Mask { get; } = shape.MaskChannel < 0 ? null : new T[shape.Height * shape.Width];

        public Memory<byte> GetChunk(ulong index, Func<Memory<byte>> chunkReader)
        {
            var bytes = chunkReader();
            var values = MemoryMarshal.Cast<byte, T>(bytes.Span);
            var chunkLength = chunk[0] * chunk[1] * chunk[2];
            if (index >= (ulong)firsts.Length || values.Length < chunkLength)
            {
                unexpected = true;
                return bytes;
            }

            // Chunks are numbered row-major over the chunk grid.
            var (rest, gc) = Math.DivRem((int)index, grid[2]);
            var (gy, gx) = Math.DivRem(rest, grid[1]);
            int top = gy * chunk[0], left = gx * chunk[1], firstChannel = gc * chunk[2];
            int rows = Math.Min(chunk[0], shape.Height - top), columns = Math.Min(chunk[1], shape.Width - left);
            Copy(values, shape.ImageChannel - firstChannel, top, left, rows, columns, Image, static v => float.CreateTruncating(v));
            if (Mask is not null)
            {
                Copy(values, shape.MaskChannel - firstChannel, top, left, rows, columns, Mask, static v => v);
            }

            firsts[index] = values[0];
            seen[index] = true;
            return bytes;
        }

        /// <summary>True when every chunk was seen and PureHDF's own values agree with the stored bytes read here.</summary>
        public bool Complete(T[] corners) =>
            !unexpected && corners.Length == firsts.Length && seen.All(s => s) && corners.AsSpan().SequenceEqual(firsts);

        private void Copy<TOut>(ReadOnlySpan<T> values, int channel, int top, int left, int rows, int columns, TOut[] plane, Func<T, TOut> convert)
        {
            if (channel < 0 || channel >= chunk[2])
            {
                return; // the channel lies in another chunk along the channel axis
            }

            for (var y = 0; y < rows; y++)
            {
                var source = values[(y * chunk[1] * chunk[2])..];
                var target = plane.AsSpan(((top + y) * shape.Width) + left, columns);
                for (int x = 0, offset = channel; x < columns; x++, offset += chunk[2])
                {
                    target[x] = convert(source[offset]);
                }
            }
        }
    }
}
