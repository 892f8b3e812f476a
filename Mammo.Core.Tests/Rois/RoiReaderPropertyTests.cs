using Mammo.Rois;
using Mammo.Tests.Support;

namespace Mammo.Tests.Rois;

public sealed class RoiReaderPropertyTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData("contiguous.h5", false)]
    [InlineData("gzip.h5", true)]
    public void Mutated_hdf5_files_are_read_or_refused_with_a_roi_error(string name, bool gzip)
    {
        var valid = File.ReadAllBytes(TestFiles.WriteHdf5(directory.File(name), 48, 40, v => (byte)(v * 255), gzip: gzip));
        var path = directory.File("mutated-" + name);
        Fuzz.Run(Mutation.Several, 150, mutations =>
        {
            File.WriteAllBytes(path, Mutation.Apply(valid, mutations));
            Fuzz.SucceedsOrThrows<RoiFormatException>(() => RoiReader.Read(path, RoiOptions.Default));
        });
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public void Mutated_png_files_are_read_or_refused_with_a_roi_error(int bitDepth)
    {
        var valid = File.ReadAllBytes(TestFiles.WritePng(directory.File("valid.png"), 40, 36, bitDepth));
        var path = directory.File("mutated.png");
        Fuzz.Run(Mutation.Several, 200, mutations =>
        {
            File.WriteAllBytes(path, Mutation.Apply(valid, mutations));
            Fuzz.SucceedsOrThrows<RoiFormatException>(() => RoiReader.Read(path, RoiOptions.Default));
        });
    }

    [Theory]
    [InlineData("explicit_le_u16.dcm")]
    [InlineData("implicit_le_u16.dcm")]
    [InlineData("explicit_le_u8.dcm")]
    [InlineData("sequence_explicit.dcm")]
    [InlineData("sequence_implicit.dcm")]
    public void Mutated_dicom_files_are_read_or_refused_with_a_roi_error(string name)
    {
        var valid = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Dicom", name));
        var path = directory.File("mutated.dcm");
        Fuzz.Run(Mutation.Several, 200, mutations =>
        {
            File.WriteAllBytes(path, Mutation.Apply(valid, mutations));
            Fuzz.SucceedsOrThrows<RoiFormatException>(() => RoiReader.Read(path, RoiOptions.Default));
        });
    }

    [Theory]
    [InlineData("rgba16_equal.png")]
    [InlineData("la8_equal.png")]
    [InlineData("rgb8_colour.png")]
    public void Mutated_colour_png_files_are_read_or_refused_with_a_roi_error(string fixture)
    {
        var valid = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "png", fixture));
        var path = directory.File("mutated.png");
        Fuzz.Run(Mutation.Several, 200, mutations =>
        {
            File.WriteAllBytes(path, Mutation.Apply(valid, mutations));
            Fuzz.SucceedsOrThrows<RoiFormatException>(() => RoiReader.Read(path, RoiOptions.Default));
        });
    }
}
