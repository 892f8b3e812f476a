using System.Text;
using Mammo.Import.Mias;
using Mammo.Tests.Support;

namespace Mammo.Tests.Import.Mias;

public sealed class PgmImageTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static byte[] Pgm(string header, params byte[] raster) => [.. Encoding.ASCII.GetBytes(header), .. raster];

    [Fact]
    public void Reads_an_8_bit_greymap_with_comments_in_its_header()
    {
        var (width, height, max, samples) = PgmImage.Decode("a.pgm", Pgm("P5\n# made by hand\n3 2 # size\n255\n", 0, 1, 2, 10, 11, 255));
        Assert.Equal((3, 2, 255), (width, height, max));
        Assert.Equal(new ushort[] { 0, 1, 2, 10, 11, 255 }, samples);
    }

    [Fact]
    public void Reads_a_16_bit_greymap_most_significant_byte_first()
    {
        var (_, _, max, samples) = PgmImage.Decode("a.pgm", Pgm("P5 2 1 65535\n", 0x12, 0x34, 0xFF, 0xFE));
        Assert.Equal(65535, max);
        Assert.Equal(new ushort[] { 0x1234, 0xFFFE }, samples);
    }

    [Fact]
    public void A_raster_starting_with_a_whitespace_byte_is_read_as_pixels()
    {
        var (_, _, _, samples) = PgmImage.Decode("a.pgm", Pgm("P5\n2 1\n255\n", (byte)'\n', (byte)' '));
        Assert.Equal(new ushort[] { 10, 32 }, samples);
    }

    [Theory]
    [InlineData("P2\n1 1\n255\n1", "only binary greymaps")]
    [InlineData("GIF89a", "not a PGM file")]
    [InlineData("P5\n2 2\n255\n\u0001\u0002\u0003", "truncated")]
    [InlineData("P5\n1 1\n255\n\u0001\u0002", "after its 1 x 1 raster")]
    [InlineData("P5\n1 1\n100\n\u00c8", "above the maximum value 100")]
    [InlineData("P5\n0 1\n255\n", "width of 0")]
    [InlineData("P5\n1 99999\n255\n", "height of 99999")]
    [InlineData("P5\n1 1\n70000\n", "maximum value of 70000")]
    [InlineData("P5\n1 x\n255\n", "height is not a decimal number")]
    [InlineData("P5\n1 1", "ends before its maximum value")]
    [InlineData("P51 1\n255\n", "no whitespace before its width")]
    [InlineData("P5\n1 1\n255", "header does not end")]
    public void Malformed_files_are_refused_with_a_reason_naming_the_file(string text, string reason)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        var error = Assert.Throws<ImportException>(() => PgmImage.Decode("bad.pgm", bytes));
        Assert.StartsWith("bad.pgm: ", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_missing_file_is_an_import_error()
    {
        var error = Assert.Throws<ImportException>(() => PgmImage.Read(directory.File("none.pgm")));
        Assert.Contains("none.pgm", error.Message);
    }

    [Theory]
    [InlineData(255)]
    [InlineData(4095)]
    public void Mutated_greymaps_are_read_or_refused_with_an_import_error(int maxValue)
    {
        var bytesPerSample = maxValue < 256 ? 1 : 2;
        var random = new Random(maxValue);
        var raster = new byte[24 * 20 * bytesPerSample];
        for (var i = 0; i < raster.Length; i += bytesPerSample)
        {
            var value = random.Next(maxValue + 1);
            if (bytesPerSample == 1)
            {
                raster[i] = (byte)value;
            }
            else
            {
                (raster[i], raster[i + 1]) = ((byte)(value >> 8), (byte)value);
            }
        }

        var valid = Pgm($"P5\n# fuzz\n24 20\n{maxValue}\n", raster);
        Assert.Equal(24 * 20, PgmImage.Decode("valid.pgm", valid).Samples.Length);
        var path = directory.File("mutated.pgm");
        Fuzz.Run(Mutation.Several, 300, mutations =>
        {
            File.WriteAllBytes(path, Mutation.Apply(valid, mutations));
            Fuzz.SucceedsOrThrows<ImportException>(() =>
            {
                var (width, height, max, samples) = PgmImage.Read(path);
                Assert.Equal(width * height, samples.Length);
                Assert.All(samples, s => Assert.InRange(s, 0, max));
            });
        });
    }
}
