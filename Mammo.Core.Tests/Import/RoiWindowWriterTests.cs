using Mammo.Import;
using Mammo.IO;
using Mammo.Preprocessing;
using Mammo.Rois;
using Mammo.Tests.Support;
using PureHDF;

namespace Mammo.Tests.Import;

public sealed class RoiWindowWriterTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void A_written_window_reads_back_through_the_hdf5_roi_reader_with_default_options()
    {
        var film = Enumerable.Range(0, 600 * 500).Select(i => (ushort)((i % 600) + (7 * (i / 600)))).ToArray();
        var window = RoiWindow.AroundCircle(600, 500, 120, 300, 40);
        var path = RoiWindowWriter.PathFor(directory.Path, "MIAS_001_LEFT_MLO_1");
        RoiWindowWriter.Write(path, window.Side, window.CropImage<ushort>(film, 600, 500), window.Disc(120, 300, 40));

        Assert.Equal(directory.File(Path.Combine("roi", "MIAS_001_LEFT_MLO_1.h5")), path);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*" + AtomicFile.TemporarySuffix));
        var roi = Hdf5RoiReader.Read(path, RoiOptions.Default);
        Assert.Equal((window.Side, window.Side), (roi.Width, roi.Height));
        var lesion = Assert.NotNull(roi.Lesion);
        Assert.Equal((120 - window.Left - 40, 300 - window.Top - 40, 120 - window.Left + 40, 300 - window.Top + 40), (lesion.Left, lesion.Top, lesion.Right, lesion.Bottom));

        // The default crop is centred on the lesion and lies inside the window; so does the widest crop the window is made
        // for, to within the half pixel by which an even side cannot be centred on a pixel.
        var (centreX, centreY, square) = RoiPreprocessor.SquareToSample(roi, RoiOptions.Default);
        Assert.Equal((120 - window.Left + 0.5, 300 - window.Top + 0.5, RoiOptions.Default.LesionCropFactor * 40.5), (centreX, centreY, square));
        var widest = RoiPreprocessor.SquareToSample(roi, RoiOptions.Default with { LesionCropFactor = 2 * RoiWindow.CropRadii * 40 / 40.5 });
        Assert.InRange(widest.CentreX - (widest.Side / 2), -0.5, window.Side + 0.5);
        Assert.InRange(widest.CentreX + (widest.Side / 2), -0.5, window.Side + 0.5);
        Assert.InRange(widest.CentreY - (widest.Side / 2), -0.5, window.Side + 0.5);
        Assert.InRange(widest.CentreY + (widest.Side / 2), -0.5, window.Side + 0.5);

        // The stored dataset itself: uint16, H x W x 2, mask 0/1, image samples unchanged.
        using var file = H5File.OpenRead(path);
        var dataset = file.Dataset("data");
        Assert.Equal(new ulong[] { (ulong)window.Side, (ulong)window.Side, 2 }, dataset.Space.Dimensions);
        Assert.Equal(2, (int)dataset.Type.Size);
        var samples = dataset.Read<ushort[]>();
        var (cx, cy) = (120 - window.Left, 300 - window.Top);
        Assert.Equal(film[(300 * 600) + 120], samples[((cy * window.Side) + cx) * 2]);
        Assert.Equal(1, samples[(((cy * window.Side) + cx) * 2) + 1]);
        Assert.All(samples.Where((_, i) => i % 2 == 1), v => Assert.InRange(v, 0, 1));
    }

    [Fact]
    public void Every_sample_is_stored_as_an_image_and_mask_pair_with_any_nonzero_mask_value_as_1()
    {
        var random = new Random(20261129);
        const int side = 24;
        var image = Enumerable.Range(0, side * side).Select(i => i < 3 ? new ushort[] { 0, 32768, 65535 }[i] : (ushort)random.Next(0, 65536)).ToArray();
        var mask = Enumerable.Range(0, side * side).Select(i => new byte[] { 0, 1, 2, 255, 0, 128 }[random.Next(6)]).ToArray();
        var path = directory.File("pairs.h5");
        RoiWindowWriter.Write(path, side, image, mask);

        using var file = H5File.OpenRead(path);
        var samples = file.Dataset("data").Read<ushort[]>();
        var expected = image.Zip(mask).SelectMany(p => new[] { p.First, p.Second == 0 ? (ushort)0 : (ushort)1 }).ToArray();
        Assert.Equal(expected, samples);
    }

    [Fact]
    public void Wrong_sample_counts_are_refused_and_leave_no_file()
    {
        var path = directory.File("x.h5");
        Assert.Throws<ArgumentException>(() => RoiWindowWriter.Write(path, 16, new ushort[255], new byte[256]));
        Assert.False(File.Exists(path));
    }
}
