using Mammo.Import.Mias;
using Mammo.Tests.Support;

namespace Mammo.Tests.Import.Mias;

/// <summary><c>Info.txt</c>'s refusals word for word, at the boundaries of each rule (reference, severity, coordinates, shortened quotes).</summary>
public sealed class MiasInfoFileMessageTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private string Write(string text) => TestFiles.WriteText(directory, "Info.txt", text);

    [Theory]
    [InlineData("mdb001 G NORM\nabc002 G NORM", 2, "'abc002' is not a MIAS reference such as mdb001")]
    [InlineData("mdb001 G NORM\nmdb0a1 G NORM", 2, "'mdb0a1' is not a MIAS reference such as mdb001")]
    [InlineData("mdb000 G NORM", 1, "'mdb000' is not a MIAS reference such as mdb001")]
    [InlineData("mdb001 G", 1, "mdb001: the line ends before its tissue and class")]
    [InlineData("mdb001 G CIRC", 1, "mdb001: an abnormality needs a severity B or M")]
    [InlineData("mdb001 G CIRC U", 1, "mdb001: an abnormality needs a severity B or M, not 'U'")]
    [InlineData("mdb001 G CALC B *NOTE 5*", 1, "mdb001: after the severity come either x, y and radius or '*NOTE 3*', not '*NOTE 5*'")]
    [InlineData("mdb001 G CALC B *NOTES 3*", 1, "mdb001: after the severity come either x, y and radius or '*NOTE 3*', not '*NOTES 3*'")]
    [InlineData("mdb001 G CIRC B 5 -2 3", 1, "mdb001: y '-2' is not a whole number of pixels (0 to 16384)")]
    [InlineData("mdb001 G CIRC B 16385 2 3", 1, "mdb001: x '16385' is not a whole number of pixels (0 to 16384)")]
    [InlineData("mdb001 123456789012345678901234567890 NORM", 1, "mdb001: background tissue '123456789012345678901234567890' is not F, G or D")]
    [InlineData("mdb001 1234567890123456789012345678901 NORM", 1, "mdb001: background tissue '123456789012345678901234567890...' is not F, G or D")]
    public void A_bad_line_is_refused_with_its_reason(string text, int line, string reason)
    {
        var path = Write(text);
        var error = Assert.Throws<ImportException>(() => MiasInfoFile.Read(path));
        Assert.Equal($"{path}, line {line}: {reason}", error.Message);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused()
    {
        var path = directory.File("Info.txt");
        File.WriteAllBytes(path, [.. "mdb001 G NORM\n"u8, 0xFF, 0xFE, (byte)'\n']);
        var error = Assert.Throws<ImportException>(() => MiasInfoFile.Read(path));
        Assert.Equal($"{path}: is not a text file (it holds bytes that are not ASCII / UTF-8)", error.Message);
    }

    [Fact]
    public void Coordinates_up_to_the_largest_side_and_the_widely_distributed_note_are_read()
    {
        var entries = MiasInfoFile.Read(Write("mdb001 G CIRC B 16384 0 1\nmdb002 F CALC M *NOTE 3*\nmdb003 D NORM\nmdb004 D CALC B"));

        Assert.Equal((16384, 0, 1, false), (entries[0].X, entries[0].Y, entries[0].Radius, entries[0].WidelyDistributed));
        Assert.Equal((true, false, 'M'), (entries[1].WidelyDistributed, entries[1].HasCoordinates, entries[1].Severity));
        Assert.Equal((false, false, false), (entries[2].IsAbnormal, entries[2].WidelyDistributed, entries[2].HasCoordinates));
        Assert.Equal((true, false, false), (entries[3].IsAbnormal, entries[3].WidelyDistributed, entries[3].HasCoordinates));
    }
}
