using Mammo.Import.CbisDdsm;
using Mammo.Tests.Support;

namespace Mammo.Tests.Import.CbisDdsm;

public sealed class CbisDdsmImageReaderTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    /// <summary>StbImageSharp 2.30, tried first, hung here on an 18-byte truncated file (seed 76); LibJpeg.NET refuses it.</summary>
    [Fact]
    public void Mutated_jpeg_files_are_read_or_refused_with_a_roi_error()
    {
        var valid = directory.File("valid.jpg");
        CbisDdsmScene.WriteJpeg(valid, 48, 40, (x, y) => (x * 5) + (y * 3));
        var bytes = File.ReadAllBytes(valid);
        var path = directory.File("mutated.jpg");
        var file = new CbisDdsmFile(path, "Mass-Training_P_00001_LEFT_CC", "full mammogram images", IsJpeg: true);
        Fuzz.Run(Mutation.Several, 150, mutations =>
        {
            File.WriteAllBytes(path, Mutation.Apply(bytes, mutations));
            Fuzz.SucceedsOrThrows<RoiFormatException>(() =>
            {
                var image = CbisDdsmImageReader.Read(file);
                Assert.Equal(image.Width * image.Height, image.Pixels.Length);
            });
        });
    }

    [Fact]
    public void A_jpeg_mask_is_binary_after_its_noise_and_a_crop_is_not()
    {
        var mask = directory.File("mask.jpg");
        var crop = directory.File("crop.jpg");
        CbisDdsmScene.WriteJpeg(mask, 120, 90, (x, y) => ((x - 60) * (x - 60)) + ((y - 45) * (y - 45)) < 400 ? 255 : 0);
        CbisDdsmScene.WriteJpeg(crop, 120, 90, (x, y) => CbisDdsmScene.Full8(x, y, []));

        var maskImage = CbisDdsmImageReader.Read(new CbisDdsmFile(mask, "x", "", IsJpeg: true));
        var cropImage = CbisDdsmImageReader.Read(new CbisDdsmFile(crop, "x", "", IsJpeg: true));

        // Compression leaves values other than 0 and 255 along the edge, so only the noise-tolerant test calls it a mask.
        Assert.Contains(maskImage.Pixels, p => p is > 0 and < 255);
        Assert.True(CbisDdsmMask.IsBinary(maskImage));
        Assert.False(CbisDdsmMask.IsBinary(cropImage));
        Assert.False(CbisDdsmMask.IsBinary(maskImage with { IsLossy = false }));
    }

    [Fact]
    public void A_dicom_info_file_without_its_columns_is_an_import_error()
    {
        var info = TestFiles.WriteText(directory, "dicom_info.csv", "image_path,SeriesDescription\nCBIS-DDSM/jpeg/1/1-1.jpg,ROI mask images\n");

        var error = Assert.Throws<ImportException>(() => DicomInfoFile.Read(info, directory.Path));

        Assert.Contains("PatientID", error.Message);
        Assert.Equal(info, error.FilePath);
    }
}
