using Mammo.Heads;

namespace Mammo.Tests.Heads;

/// <summary>Appending head data of another shape is refused with the reason.</summary>
public sealed class HeadDataConcatTests
{
    [Fact]
    public void Parts_with_different_vectors_per_case_are_refused()
    {
        var two = new HeadData([[1], [2]], [true], ["p"], 2);
        var one = new HeadData([[3]], [false], ["q"], 1);
        var e = Assert.Throws<ArgumentException>(() => two.Concat(one));
        Assert.Equal("other", e.ParamName);
        Assert.StartsWith("Both parts need the same vectors per case.", e.Message);
    }
}
