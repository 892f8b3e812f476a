using Mammo.Rois;
using PureHDF;
using PureHDF.Filters;
using PureHDF.VOL.Native;

namespace Mammo.Tests.Rois;

/// <summary>HDF5 files written by h5py (Fixtures/hdf5/make_hdf5_fixtures.py), not by the PureHDF the reader uses.</summary>
public sealed class Hdf5FixtureTests
{
    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "hdf5", name);

    [Theory]
    [InlineData("one_chunk_gzip.h5")]
    [InlineData("default_gzip.h5")]
    [InlineData("small_chunks_gzip.h5")]
    [InlineData("small_chunks_shuffle.h5")]
    public void Every_h5py_chunking_reads_the_same_pixels_and_lesion_as_contiguous_storage(string name)
    {
        var expected = Hdf5RoiReader.Read(Fixture("contiguous.h5"), RoiOptions.Default);
        var roi = Hdf5RoiReader.Read(Fixture(name), RoiOptions.Default);
        Assert.Equal((40, 50), (roi.Width, roi.Height));
        Assert.Equal(expected.Pixels, roi.Pixels);
        Assert.Equal(expected.Lesion, roi.Lesion);
        Assert.Equal(new LesionBounds(15, 13, 29, 27), roi.Lesion);
    }

    [Fact]
    public void Small_uint16_chunks_with_partial_edges_read_like_contiguous_uint16()
    {
        var expected = Hdf5RoiReader.Read(Fixture("contiguous_uint16.h5"), RoiOptions.Default);
        var roi = Hdf5RoiReader.Read(Fixture("small_chunks_uint16.h5"), RoiOptions.Default);
        Assert.Equal(expected.Pixels, roi.Pixels);
        Assert.Equal(expected.Lesion, roi.Lesion);
        var maskAsImage = Hdf5RoiReader.Read(Fixture("small_chunks_uint16.h5"), RoiOptions.Default with { ImageChannel = 1, MaskChannel = null });
        Assert.Equal(2, maskAsImage.Pixels.Distinct().Count());
    }

    [Fact]
    public void Lzf_is_refused_by_its_filter_name_before_reading()
    {
        var error = Assert.Throws<RoiFormatException>(() => Hdf5RoiReader.Read(Fixture("lzf.h5"), RoiOptions.Default));
        Assert.Contains("'lzf' (id 32000)", error.Message);
        Assert.Null(error.InnerException); // decided from the filter pipeline, not from an exception PureHDF threw
    }

    [Fact]
    public void Fletcher32_from_h5py_is_refused_before_reading()
    {
        var error = Assert.Throws<RoiFormatException>(() => Hdf5RoiReader.Read(Fixture("fletcher32.h5"), RoiOptions.Default));
        Assert.Contains("fletcher32", error.Message);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public void The_filter_pipeline_is_visible_to_the_reader()
    {
        // Pins the PureHDF internals the reader inspects: an upgrade that moves them fails here, not in the field.
        using var file = H5File.OpenRead(Fixture("small_chunks_shuffle.h5"));
        var filters = Hdf5RoiReader.Filters((NativeDataset)file.Dataset("data"));
        Assert.Equal([ShuffleFilter.Id, DeflateFilter.Id], filters.Select(f => f.Id));
        using var plain = H5File.OpenRead(Fixture("contiguous.h5"));
        Assert.Empty(Hdf5RoiReader.Filters((NativeDataset)plain.Dataset("data")));
    }

    [Fact]
    public void A_grey_image_stored_as_three_equal_channels_has_no_mask_in_channel_one()
    {
        var error = Assert.Throws<RoiFormatException>(() => Hdf5RoiReader.Read(Fixture("grey_as_rgb.h5"), RoiOptions.Default));
        Assert.Contains("channel 1 is not a lesion mask", error.Message);
        Assert.Contains("grey_as_rgb.h5", error.Message);
        var roi = Hdf5RoiReader.Read(Fixture("grey_as_rgb.h5"), RoiOptions.Default with { MaskChannel = null });
        Assert.Null(roi.Lesion);
    }
}
