using Mammo.Import;
using Mammo.Tests.Support;
using PureHDF;
using PureHDF.Filters;
using PureHDF.VOL.Native;

namespace Mammo.Tests.Import;

/// <summary>The ROI writer's argument checks word for word, and the stored file's single gzip-1 chunk.</summary>
public sealed class RoiWindowWriterRefusalTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void A_null_path_is_refused_before_the_sample_counts()
    {
        var error = Assert.Throws<ArgumentNullException>(() => RoiWindowWriter.Write(null!, 16, new ushort[1], new byte[1]));
        Assert.Equal("path", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void A_side_below_one_is_refused_and_leaves_no_file(int side)
    {
        var path = directory.File("x.h5");
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RoiWindowWriter.Write(path, side, new ushort[side * side], new byte[side * side]));
        Assert.Equal("side", error.ParamName);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Wrong_sample_counts_are_refused_with_the_counts()
    {
        var error = Assert.Throws<ArgumentException>(() => RoiWindowWriter.Write(directory.File("x.h5"), 16, new ushort[256], new byte[255]));
        Assert.Equal("A 16 x 16 window needs 256 samples per channel (image 256, mask 255).", error.Message);
    }

    [Fact]
    public void The_window_is_stored_as_one_chunk_deflated_at_level_1()
    {
        var side = 64;
        var image = Enumerable.Range(0, side * side).Select(i => (ushort)((i * i * 7919) % 4096)).ToArray();
        var mask = Enumerable.Range(0, side * side).Select(i => (byte)(i % 7 == 0 ? 1 : 0)).ToArray();
        var path = directory.File("w.h5");
        RoiWindowWriter.Write(path, side, image, mask);

        // The same cube written with each filter choice: only gzip level 1 gives the writer's bytes.
        var cube = new ushort[side, side, 2];
        for (var i = 0; i < image.Length; i++)
        {
            (cube[i / side, i % side, 0], cube[i / side, i % side, 1]) = (image[i], mask[i]);
        }

        long Reference(string name, List<H5Filter> filters)
        {
            var file = new H5File { ["data"] = new H5Dataset(cube, chunks: [(uint)side, (uint)side, 2], datasetCreation: new H5DatasetCreation(Filters: filters)) };
            file.Write(directory.File(name));
            return new FileInfo(directory.File(name)).Length;
        }

        var level1 = Reference("1.h5", [new(DeflateFilter.Id, new Dictionary<string, object> { [DeflateFilter.COMPRESSION_LEVEL] = 1 })]);
        var plain = Reference("0.h5", []);
        var defaultLevel = Reference("d.h5", [new(DeflateFilter.Id, new Dictionary<string, object>())]);
        Assert.NotEqual(level1, plain);
        Assert.NotEqual(level1, defaultLevel);
        Assert.Equal(level1, new FileInfo(path).Length);
        Assert.Equal(File.ReadAllBytes(directory.File("1.h5")), File.ReadAllBytes(path));
    }
}
