using Mammo.Rois;

namespace Mammo.Tests.Rois;

/// <summary>The options' defaults (on a new instance, not the shared <see cref="RoiOptions.Default"/>) and each refusal at its boundary.</summary>
public sealed class RoiOptionsValidationTests
{
    [Fact]
    public void A_new_instance_has_the_documented_defaults()
    {
        var options = new RoiOptions();
        Assert.Equal("data", options.DatasetName);
        Assert.Equal("_mask", options.MaskFileSuffix);
        Assert.Equal(0, options.ImageChannel);
        Assert.Equal(1, options.MaskChannel);
        Assert.Equal(2.5, options.LesionCropFactor);
        options.Validate();
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void An_empty_dataset_name_is_refused(string? name)
    {
        var e = Assert.Throws<ArgumentException>(() => new RoiOptions { DatasetName = name! }.Validate());
        Assert.Equal("DatasetName", e.ParamName);
        Assert.StartsWith("The HDF5 dataset name must not be empty.", e.Message);
    }

    [Fact]
    public void Channel_zero_is_valid_for_image_and_mask_and_minus_one_is_refused_with_its_reason()
    {
        new RoiOptions { ImageChannel = 0, MaskChannel = 0 }.Validate();
        var image = Assert.Throws<ArgumentOutOfRangeException>(() => new RoiOptions { ImageChannel = -1 }.Validate());
        Assert.StartsWith("Channels are zero-based and cannot be negative. (Parameter 'ImageChannel')", image.Message);
        Assert.Equal(-1, image.ActualValue);
        var mask = Assert.Throws<ArgumentOutOfRangeException>(() => new RoiOptions { MaskChannel = -1 }.Validate());
        Assert.StartsWith("Channels are zero-based and cannot be negative; null ignores masks. (Parameter 'MaskChannel')", mask.Message);
        Assert.Equal(-1, mask.ActualValue);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(2.0)]
    [InlineData(2.5)]
    [InlineData(100.0)]
    public void A_crop_factor_of_zero_or_at_least_two_is_valid(double factor) => new RoiOptions { LesionCropFactor = factor }.Validate();

    [Theory]
    [InlineData(-0.001)]
    [InlineData(0.001)]
    [InlineData(1.999)]
    [InlineData(double.NaN)]
    public void A_crop_factor_between_zero_and_two_negative_or_nan_is_refused(double factor)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RoiOptions { LesionCropFactor = factor }.Validate());
        Assert.StartsWith("The lesion crop factor is 0 (whole crop) or at least 2 lesion radii. (Parameter 'LesionCropFactor')", e.Message);
    }
}
