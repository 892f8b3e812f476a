using Mammo.Rois;
using Mammo.Tests.Support;
using PureHDF;

namespace Mammo.Tests.Rois;

/// <summary>The HDF5 reader's refusals with their full messages, and channel choices that only the mask path can tell apart.</summary>
public sealed class Hdf5RoiReaderRefusalTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "hdf5", name);

    private string Write(H5File file)
    {
        var path = directory.File($"{Guid.NewGuid():N}.h5");
        file.Write(path);
        return path;
    }

    private static void Refused(string path, string problem, RoiOptions? options = null) =>
        Assert.Equal($"{path}: {problem}", Assert.Throws<RoiFormatException>(() => Hdf5RoiReader.Read(path, options ?? RoiOptions.Default)).Message);

    [Fact]
    public void Bytes_that_are_not_hdf5_are_refused_as_unreadable_from_disk_and_from_memory()
    {
        var bytes = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251)).ToArray();
        var path = directory.File("random.h5");
        File.WriteAllBytes(path, bytes);
        var fromDisk = Assert.Throws<RoiFormatException>(() => Hdf5RoiReader.Read(path, RoiOptions.Default));
        Assert.StartsWith($"{path}: is not a readable HDF5 file (", fromDisk.Message);
        Assert.Contains(fromDisk.InnerException!.GetType().Name + ": ", fromDisk.Message);
        var fromMemory = Assert.Throws<RoiFormatException>(() => Hdf5RoiReader.Read("mem.h5", bytes, RoiOptions.Default));
        Assert.StartsWith("mem.h5: is not a readable HDF5 file (", fromMemory.Message);
    }

    [Fact]
    public void A_file_whose_pixel_data_is_cut_off_is_refused_as_damaged()
    {
        // The header (at the start) is whole; the contiguous pixel data at the end is not.
        var good = File.ReadAllBytes(Fixture("contiguous.h5"));
        var e = Assert.Throws<RoiFormatException>(() => Hdf5RoiReader.Read("cut.h5", good[..^4000], RoiOptions.Default));
        Assert.StartsWith("cut.h5: is a damaged HDF5 file (", e.Message);
        Assert.Contains(e.InnerException!.GetType().Name + ": ", e.Message);
    }

    [Fact]
    public void A_file_without_any_dataset_says_it_found_nothing()
    {
        var path = Write(new H5File());
        Refused(path, "has no dataset 'data' (found: nothing)");
    }

    [Fact]
    public void A_group_where_the_dataset_should_be_is_refused()
    {
        var path = Write(new H5File { ["data"] = new H5Group() });
        Refused(path, "'data' is a group, not a dataset");
    }

    [Fact]
    public void A_dataset_of_rank_four_is_refused_with_its_dimensions()
    {
        var path = Write(new H5File { ["data"] = new byte[2, 3, 4, 5] });
        Refused(path, "dataset 'data' has rank 4 (2 x 3 x 4 x 5); an H x W or H x W x C image is expected");
    }

    [Fact]
    public void More_than_sixteen_channels_are_refused()
    {
        var path = Write(new H5File { ["data"] = new byte[16, 16, 17] });
        Refused(path, "dataset 'data' has 17 channels; an image has 1 to 16");
    }

    [Fact]
    public void Unsupported_pixel_types_are_refused_saying_whether_they_are_signed()
    {
        Refused(Write(new H5File { ["data"] = new long[16, 16] }), "pixel type FixedPoint of 8 byte(s), signed is not supported (uint8, uint16, int16, float32 or float64 are)");
        Refused(Write(new H5File { ["data"] = new uint[16, 16] }), "pixel type FixedPoint of 4 byte(s) is not supported (uint8, uint16, int16, float32 or float64 are)");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_mask_may_be_channel_zero(bool chunked)
    {
        // The mask first, the image second: read through the plain path (contiguous) and the chunk path.
        const int height = 40, width = 36;
        var (image, mask) = TestFiles.Disc(width, height, 20, 15, 6);
        var cube = new float[height, width, 2];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                cube[y, x, 0] = (float)mask[(y * width) + x];
                cube[y, x, 1] = (float)image[(y * width) + x];
            }
        }

        var path = Write(new H5File { ["data"] = chunked ? new H5Dataset(cube, chunks: [16, 16, 1]) : new H5Dataset(cube) });
        var roi = Hdf5RoiReader.Read(path, new RoiOptions { ImageChannel = 1, MaskChannel = 0 });
        Assert.Equal(new LesionBounds(15, 10, 25, 20), roi.Lesion);
    }

    [Fact]
    public void Chunks_split_along_the_channel_axis_place_each_channel_from_its_own_chunk()
    {
        // Four channels in chunks of two: channels 2 and 3 live in the second chunk along the channel axis.
        const int height = 40, width = 36;
        var (image, mask) = TestFiles.Disc(width, height, 20, 15, 6);
        var cube = new float[height, width, 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                cube[y, x, 0] = x;
                cube[y, x, 1] = 0;
                cube[y, x, 2] = (float)image[(y * width) + x];
                cube[y, x, 3] = (float)mask[(y * width) + x];
            }
        }

        var path = Write(new H5File { ["data"] = new H5Dataset(cube, chunks: [16, 16, 2]) });
        var roi = Hdf5RoiReader.Read(path, new RoiOptions { ImageChannel = 2, MaskChannel = 3 });
        var expected = RoiImage.FromSamples("e", width, height, [.. image.Select(v => (float)v)], null);
        Assert.Equal(expected.Pixels, roi.Pixels);
        Assert.Equal(new LesionBounds(15, 10, 25, 20), roi.Lesion);
    }
}
