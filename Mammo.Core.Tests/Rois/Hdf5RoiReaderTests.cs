using Mammo.Rois;
using Mammo.Tests.Support;
using PureHDF;
using PureHDF.Filters;

namespace Mammo.Tests.Rois;

public sealed class Hdf5RoiReaderTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData(64, 64, true)]
    [InlineData(300, 180, false)]
    [InlineData(1024, 1024, true)]
    public void Reads_uint8_with_its_mask_channel_compressed_or_not(int width, int height, bool gzip)
    {
        var path = TestFiles.WriteHdf5(directory.File("a.h5"), width, height, v => (byte)Math.Round(v * 255), gzip: gzip);
        var roi = Hdf5RoiReader.Read(path, RoiOptions.Default);
        Assert.Equal((width, height), (roi.Width, roi.Height));
        Assert.InRange(roi.Pixels.Min(), 0f, 0f);
        Assert.InRange(roi.Pixels.Max(), 1f, 1f);
        var lesion = Assert.NotNull(roi.Lesion);
        var radius = Math.Min(width, height) * 0.15;
        Assert.InRange((lesion.Left + lesion.Right) / 2.0, (width * 0.55) - 1.5, (width * 0.55) + 1.5);
        Assert.InRange((lesion.Top + lesion.Bottom) / 2.0, (height * 0.45) - 1.5, (height * 0.45) + 1.5);
        Assert.InRange(lesion.Right - lesion.Left + 1, (2 * radius) - 2, (2 * radius) + 1);
    }

    [Fact]
    public void Uint16_float32_float64_and_uint8_copies_of_one_image_read_alike()
    {
        var u8 = Hdf5RoiReader.Read(TestFiles.WriteHdf5(directory.File("u8.h5"), 96, 80, v => (byte)Math.Round(v * 255)), RoiOptions.Default);
        var u16 = Hdf5RoiReader.Read(TestFiles.WriteHdf5(directory.File("u16.h5"), 96, 80, v => (ushort)Math.Round(v * 65535)), RoiOptions.Default);
        var f32 = Hdf5RoiReader.Read(TestFiles.WriteHdf5(directory.File("f32.h5"), 96, 80, v => (float)v, gzip: false), RoiOptions.Default);
        var f64 = Hdf5RoiReader.Read(TestFiles.WriteHdf5(directory.File("f64.h5"), 96, 80, v => v), RoiOptions.Default);
        for (var i = 0; i < u8.Pixels.Length; i++)
        {
            Assert.Equal(f64.Pixels[i], f32.Pixels[i], 1e-5f);
            Assert.Equal(f64.Pixels[i], u16.Pixels[i], 1e-4f);
            Assert.Equal(f64.Pixels[i], u8.Pixels[i], 0.01f);
        }
    }

    [Fact]
    public void A_two_dimensional_dataset_has_no_mask()
    {
        var roi = Hdf5RoiReader.Read(TestFiles.WriteHdf5(directory.File("2d.h5"), 70, 90, v => (byte)(v * 255), withMask: false), RoiOptions.Default);
        Assert.Null(roi.Lesion);
    }

    [Fact]
    public void The_dataset_name_and_channels_are_configurable()
    {
        var path = TestFiles.WriteHdf5(directory.File("named.h5"), 64, 64, v => (byte)(v * 255), dataset: "roi");
        Assert.Contains("has no dataset 'data' (found: 'roi')", Assert.Throws<RoiFormatException>(() => Hdf5RoiReader.Read(path, RoiOptions.Default)).Message);
        var roi = Hdf5RoiReader.Read(path, RoiOptions.Default with { DatasetName = "roi", MaskChannel = null });
        Assert.Null(roi.Lesion);
        var maskAsImage = Hdf5RoiReader.Read(path, RoiOptions.Default with { DatasetName = "roi", ImageChannel = 1, MaskChannel = null });
        Assert.Equal(2, maskAsImage.Pixels.Distinct().Count());
        Assert.Contains("image channel 5", Assert.Throws<RoiFormatException>(() => Hdf5RoiReader.Read(path, RoiOptions.Default with { DatasetName = "roi", ImageChannel = 5 })).Message);
    }

    [Fact]
    public void Fletcher32_which_PureHDF_misreads_is_refused()
    {
        var path = TestFiles.WriteHdf5(directory.File("fletcher.h5"), 64, 64, v => (byte)(v * 255), gzip: false, extraFilter: Fletcher32Filter.Id);
        var error = Assert.Throws<RoiFormatException>(() => Hdf5RoiReader.Read(path, RoiOptions.Default));
        Assert.Contains("fletcher32", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Truncated_and_foreign_files_are_refused_with_the_file_named()
    {
        var good = TestFiles.WriteHdf5(directory.File("good.h5"), 128, 128, v => (byte)(v * 255), gzip: false);
        var truncated = directory.File("truncated.h5");
        File.WriteAllBytes(truncated, File.ReadAllBytes(good)[..2000]);
        var random = directory.File("random.h5");
        File.WriteAllBytes(random, Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251)).ToArray());
        foreach (var path in new[] { truncated, random })
        {
            var error = Assert.Throws<RoiFormatException>(() => Hdf5RoiReader.Read(path, RoiOptions.Default));
            Assert.Equal(path, error.FilePath);
        }
    }

    [Fact]
    public void Tiny_constant_nan_and_wrong_rank_images_are_refused()
    {
        Assert.Contains("1 x 1", Read(new byte[1, 1]).Message);
        Assert.Contains("constant", Read(new byte[32, 32]).Message);
        var nan = new float[32, 32];
        nan[3, 3] = float.NaN;
        nan[4, 4] = 1;
        Assert.Contains("NaN", Read(nan).Message);
        var infinite = new double[32, 32];
        infinite[1, 1] = double.PositiveInfinity;
        Assert.Contains("infinite", Read(infinite).Message);
        Assert.Contains("rank 1", Read(new byte[64]).Message);
        Assert.Contains("not supported", Read(new long[32, 32]).Message);
    }

    private RoiFormatException Read(object data)
    {
        var path = directory.File($"{Guid.NewGuid():N}.h5");
        new H5File { ["data"] = data }.Write(path);
        return Assert.Throws<RoiFormatException>(() => Hdf5RoiReader.Read(path, RoiOptions.Default));
    }
}
