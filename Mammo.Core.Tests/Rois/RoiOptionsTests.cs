using Mammo.Rois;

namespace Mammo.Tests.Rois;

public sealed class RoiOptionsTests
{
    [Fact]
    public void An_invalid_channel_is_named_as_the_parameter_at_fault()
    {
        Assert.Equal("MaskChannel", Assert.Throws<ArgumentOutOfRangeException>(() => (RoiOptions.Default with { MaskChannel = -1 }).Validate()).ParamName);
        Assert.Equal("ImageChannel", Assert.Throws<ArgumentOutOfRangeException>(() => (RoiOptions.Default with { ImageChannel = -1 }).Validate()).ParamName);
        (RoiOptions.Default with { MaskChannel = null }).Validate();
    }
}
