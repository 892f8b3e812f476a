using Mammo.Import.Mias;
using Mammo.Tests.Support;

namespace Mammo.Tests.Import.Mias;

public sealed class MiasInfoFileTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Reads_the_database_truth_file_with_its_published_counts()
    {
        var entries = MiasInfoFile.Read(SharedData.Require("mias/Info.txt"));
        Assert.Equal(322, entries.Select(e => e.Reference).Distinct().Count());
        Assert.Equal(207, entries.Count(e => !e.IsAbnormal));
        var abnormal = entries.Where(e => e.IsAbnormal).ToList();
        Assert.Equal(
            new Dictionary<string, int> { ["CIRC"] = 25, ["SPIC"] = 19, ["MISC"] = 15, ["ARCH"] = 19, ["ASYM"] = 15, ["CALC"] = 30 },
            abnormal.GroupBy(e => e.Class).ToDictionary(g => g.Key, g => g.Count()));
        Assert.Equal(["mdb216", "mdb233", "mdb245"], abnormal.Where(e => e.WidelyDistributed).Select(e => e.Reference));
        Assert.Equal("mdb059", Assert.Single(abnormal, e => !e.HasCoordinates && !e.WidelyDistributed).Reference);
        var first = entries[0];
        Assert.Equal((1L, "mdb001", 1, 'G', "CIRC", (char?)'B', (int?)535, (int?)425, (int?)197), (first.Line, first.Reference, first.FilmNumber, first.Tissue, first.Class, first.Severity, first.X, first.Y, first.Radius));
    }

    [Fact]
    public void Header_lines_before_the_first_film_blank_lines_tabs_and_crlf_are_accepted()
    {
        var path = TestFiles.WriteText(directory, "Info.txt", "MIAS truth data\r\n\r\nmdb001\tG CIRC B 535 425 197\r\n\r\nmdb002 G NORM \r\n");
        var entries = MiasInfoFile.Read(path);
        Assert.Equal([3L, 5L], entries.Select(e => e.Line));
    }

    [Theory]
    [InlineData("mdb001 G CIRC B 535 425 197\nmdb002 G CIRC B 522 280", 2, "after the severity")]
    [InlineData("mdb001 G CIRC B 535 425 197\nmdb02 G NORM", 2, "not a MIAS reference")]
    [InlineData("mdb001 X NORM", 1, "background tissue 'X'")]
    [InlineData("mdb001 G BLOB B", 1, "class 'BLOB'")]
    [InlineData("mdb001 G CIRC", 1, "needs a severity")]
    [InlineData("mdb001 G CIRC U 1 2 3", 1, "not 'U'")]
    [InlineData("mdb001 G NORM B", 1, "a normal film has no severity")]
    [InlineData("mdb001 G CIRC B -5 2 3", 1, "x '-5' is not a whole number")]
    [InlineData("mdb001 G CIRC B 5 2 0", 1, "radius 0 is below 1")]
    [InlineData("mdb001 G CIRC B 5 2 1\nmdb001 F CIRC B 5 2 1", 2, "background tissue F here and G on line 1")]
    [InlineData("mdb001 G CIRC B 5 2 1\nmdb001 G NORM", 2, "listed as normal and as abnormal")]
    [InlineData("mdb001 G NORM\nmdb001 G NORM", 2, "listed as normal twice")]
    [InlineData("mdb001 G NORM\nwhat is this", 2, "not a MIAS reference")]
    public void A_bad_line_stops_the_import_naming_the_file_and_line(string text, int line, string reason)
    {
        var path = TestFiles.WriteText(directory, "Info.txt", text);
        var error = Assert.Throws<ImportException>(() => MiasInfoFile.Read(path));
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"{path}, line {line}: ", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_file_without_films_or_a_missing_file_is_refused()
    {
        Assert.Contains("lists no films", Assert.Throws<ImportException>(() => MiasInfoFile.Read(TestFiles.WriteText(directory, "e.txt", "\n\n"))).Message);
        Assert.Contains("does not exist", Assert.Throws<ImportException>(() => MiasInfoFile.Read(directory.File("none.txt"))).Message);
    }
}
