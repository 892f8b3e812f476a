using System.Text;
using Mammo.Import.Mias;
using Mammo.Tests.Support;

namespace Mammo.Tests.Import.Mias;

/// <summary>The PGM decoder at the edges of its rules: the magic number's range, the one- or two-byte sample, the messages' figures.</summary>
public sealed class PgmImageBoundaryTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static byte[] Pgm(string header, params byte[] raster) => [.. Encoding.ASCII.GetBytes(header), .. raster];

    [Theory]
    [InlineData("P5", "is a truncated PGM file (it ends before its width)")]
    [InlineData("P1\n1 1\n", "is a Netpbm P1 file; only binary greymaps (P5) are read")]
    [InlineData("P7\nWIDTH 1\n", "is a Netpbm P7 file; only binary greymaps (P5) are read")]
    [InlineData("P0\n1 1\n", "is not a PGM file (it does not start with the magic number P5)")]
    [InlineData("P8\n1 1\n", "is not a PGM file (it does not start with the magic number P5)")]
    [InlineData("P", "is not a PGM file (it does not start with the magic number P5)")]
    [InlineData("P5\n# a comment to the end of the file", "is a truncated PGM file (it ends before its width)")]
    [InlineData("P5\n1 1\n255\n\u0001\u0002", "has 1 byte(s) after its 1 x 1 raster (several images in one file are not read)")]
    [InlineData("P5\n1 1\n1000\n\u0003\u00e9", "holds a sample of 1001, above the maximum value 1000 its header declares")]
    public void A_malformed_file_is_refused_with_its_reason(string text, string reason)
    {
        var error = Assert.Throws<ImportException>(() => PgmImage.Decode("bad.pgm", Encoding.Latin1.GetBytes(text)));
        Assert.Equal($"bad.pgm: {reason}", error.Message);
    }

    [Fact]
    public void A_maximum_of_256_takes_two_bytes_per_sample()
    {
        var (width, height, max, samples) = PgmImage.Decode("a.pgm", Pgm("P5 2 1 256\n", 0x01, 0x00, 0x00, 0xFF));
        Assert.Equal((2, 1, 256), (width, height, max));
        Assert.Equal(new ushort[] { 256, 255 }, samples);
    }

    [Fact]
    public void A_sample_at_the_maximum_is_accepted_in_either_width()
    {
        Assert.Equal(new ushort[] { 1000 }, PgmImage.Decode("a.pgm", Pgm("P5 1 1 1000\n", 0x03, 0xE8)).Samples);
        Assert.Equal(new ushort[] { 100 }, PgmImage.Decode("a.pgm", Pgm("P5 1 1 100\n", 100)).Samples);
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_refused_with_the_systems_reason()
    {
        var path = directory.File("none.pgm");
        var error = Assert.Throws<ImportException>(() => PgmImage.Read(path));
        var inner = Assert.IsType<FileNotFoundException>(error.InnerException);
        Assert.Equal($"{path}: cannot be read ({inner.Message})", error.Message);
    }
}
