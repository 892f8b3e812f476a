using Mammo.Rois;
using Mammo.Tests.Support;

namespace Mammo.Tests.Rois;

/// <summary>The reader's own refusals (missing file, unknown kind, mask of another size) and its dispatch by extension.</summary>
public sealed class RoiReaderRefusalTests : IDisposable
{
    private const string Kinds = "files are not ROI crops (HDF5 .h5/.hdf5, grayscale .png and DICOM .dcm are)";

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void A_missing_file_is_refused_naming_it()
    {
        var path = directory.File("gone.png");
        Assert.Equal($"{path}: the file does not exist", Assert.Throws<RoiFormatException>(() => RoiReader.Read(path, RoiOptions.Default)).Message);
    }

    [Theory]
    [InlineData("crop.txt", ".txt")]
    [InlineData("crop.JPG", ".jpg")]
    [InlineData("crop", "")]
    public void A_file_of_another_kind_is_refused_naming_its_extension(string name, string extension)
    {
        var path = TestFiles.WriteText(directory, name, "not an image");
        Assert.Equal($"{path}: '{extension}' {Kinds}", Assert.Throws<RoiFormatException>(() => RoiReader.Read(path, RoiOptions.Default)).Message);
    }

    [Fact]
    public void Decoding_bytes_of_another_kind_is_refused_naming_its_extension()
    {
        var e = Assert.Throws<RoiFormatException>(() => RoiReader.Decode(new RoiFiles("a.bmp", [1, 2, 3], null, null), RoiOptions.Default));
        Assert.Equal($"a.bmp: '.bmp' {Kinds}", e.Message);
    }

    [Theory]
    [InlineData("a.h5")]
    [InlineData("a.hdf5")]
    [InlineData("a.HDF5")]
    public void Both_hdf5_extensions_are_read_as_hdf5(string name)
    {
        var path = TestFiles.WriteHdf5(directory.File(name), 24, 20, v => (byte)Math.Round(v * 255), gzip: false);
        var roi = RoiReader.Read(path, RoiOptions.Default);
        Assert.Equal((24, 20), (roi.Width, roi.Height));
        Assert.NotNull(roi.Lesion);
    }

    [Fact]
    public void The_mask_file_is_found_by_the_configured_suffix()
    {
        var path = TestFiles.WritePng(directory.File("crop.png"), 32, 32, 8);
        TestFiles.WritePngMask(directory.File("crop-lesion.png"), 32, 32, 10, 14);
        Assert.Null(RoiReader.Read(path, RoiOptions.Default).Lesion);
        Assert.Equal(new LesionBounds(10, 10, 13, 13), RoiReader.Read(path, new RoiOptions { MaskFileSuffix = "-lesion" }).Lesion);
    }

    [Theory]
    [InlineData(32, 33)]
    [InlineData(33, 32)]
    [InlineData(31, 31)]
    public void A_mask_of_another_size_than_its_crop_is_refused_naming_both(int maskWidth, int maskHeight)
    {
        var path = TestFiles.WritePng(directory.File("crop.png"), 32, 32, 8);
        var maskPath = TestFiles.WritePngMask(directory.File("crop_mask.png"), maskWidth, maskHeight, 10, 14);
        var e = Assert.Throws<RoiFormatException>(() => RoiReader.Read(path, RoiOptions.Default));
        Assert.Equal($"{maskPath}: the mask is {maskWidth} x {maskHeight}, its crop {path} is 32 x 32", e.Message);
    }

    [Fact]
    public void A_dicom_image_with_a_side_under_16_is_refused_with_its_size()
    {
        var path = TestDicom.Filled(15, 20, (x, y) => x + y).Write(directory.File("small.dcm"));
        var e = Assert.Throws<RoiFormatException>(() => RoiReader.Read(path, RoiOptions.Default));
        Assert.Equal($"{path}: the image is 15 x 20 pixels; sides from 16 to 8192 are accepted", e.Message);
    }
}
