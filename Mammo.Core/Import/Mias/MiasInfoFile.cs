using System.Globalization;
using System.Text;

namespace Mammo.Import.Mias;

/// <summary>
/// Reads the MIAS truth file <c>Info.txt</c> as the database publishes it: one line per film or abnormality,
/// <c>reference tissue class [severity [x y radius | *NOTE 3*]]</c>, fields separated by spaces or tabs.
/// </summary>
/// <remarks>
/// Strict: every line from the first <c>mdb</c> line on must be such a line or blank (lines before it are taken as a
/// header and ignored); anything else, a film listed with two tissue letters, or a film both normal and abnormal raises
/// an <see cref="ImportException"/> naming the file and the line.
/// </remarks>
internal static class MiasInfoFile
{
    /// <summary>The class of a normal film.</summary>
    public const string Normal = "NORM";

    /// <summary>Gets the classes of abnormalities the database uses.</summary>
    /// <remarks>Built on each call (a read uses it once per line): a static table would be fixed at first use, which hides
    /// a changed entry from a mutation test's long-lived test host.</remarks>
    public static IReadOnlySet<string> AbnormalClasses => new HashSet<string>(StringComparer.Ordinal) { "CALC", "CIRC", "SPIC", "MISC", "ARCH", "ASYM" };

    /// <summary>Reads the file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Its entries in file order.</returns>
    public static IReadOnlyList<MiasEntry> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ImportException(path, 0, "the MIAS truth file does not exist");
        }

        string[] lines;
        try
        {
            lines = File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)).Split('\n');
        }
        catch (DecoderFallbackException e)
        {
            throw new ImportException(path, 0, "is not a text file (it holds bytes that are not ASCII / UTF-8)", e);
        }

        var entries = new List<MiasEntry>();
        var tissueOf = new Dictionary<string, (char Tissue, long Line)>(StringComparer.Ordinal);
        var normalAt = new Dictionary<string, long>(StringComparer.Ordinal);
        var abnormalAt = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = i + 1;
            var text = lines[i].TrimEnd('\r');
            var fields = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || (entries.Count == 0 && !text.StartsWith("mdb", StringComparison.Ordinal)))
            {
                continue;
            }

            var entry = Parse(path, line, fields);
            if (tissueOf.TryGetValue(entry.Reference, out var first) && first.Tissue != entry.Tissue)
            {
                throw new ImportException(path, line, $"{entry.Reference} has background tissue {entry.Tissue} here and {first.Tissue} on line {first.Line}");
            }

            tissueOf.TryAdd(entry.Reference, (entry.Tissue, line));
            if (entry.IsAbnormal ? normalAt.TryGetValue(entry.Reference, out var other) : abnormalAt.TryGetValue(entry.Reference, out other))
            {
                throw new ImportException(path, line, $"{entry.Reference} is listed as normal and as abnormal (see line {other})");
            }

            if (!entry.IsAbnormal && !normalAt.TryAdd(entry.Reference, line))
            {
                throw new ImportException(path, line, $"{entry.Reference} is listed as normal twice (see line {normalAt[entry.Reference]})");
            }

            if (entry.IsAbnormal)
            {
                abnormalAt.TryAdd(entry.Reference, line);
            }

            entries.Add(entry);
        }

        if (entries.Count == 0)
        {
            throw new ImportException(path, 0, "lists no films (no line starting with a reference such as mdb001)");
        }

        return entries;
    }

    private static MiasEntry Parse(string path, long line, string[] fields)
    {
        var reference = fields[0];
        if (reference.Length != 6 || !reference.StartsWith("mdb", StringComparison.Ordinal) || !reference[3..].All(char.IsAsciiDigit) || reference[3..] == "000")
        {
            throw new ImportException(path, line, $"'{Shorten(reference)}' is not a MIAS reference such as mdb001");
        }

        if (fields.Length < 3)
        {
            throw new ImportException(path, line, $"{reference}: the line ends before its tissue and class");
        }

        if (fields[1] is not ("F" or "G" or "D"))
        {
            throw new ImportException(path, line, $"{reference}: background tissue '{Shorten(fields[1])}' is not F, G or D");
        }

        var tissue = fields[1][0];
        var kind = fields[2];
        var number = int.Parse(reference.AsSpan(3), CultureInfo.InvariantCulture);
        if (kind == Normal)
        {
            return fields.Length == 3
                ? new MiasEntry(line, reference, number, tissue, kind, null, null, null, null, false)
                : throw new ImportException(path, line, $"{reference}: a normal film has no severity or coordinates, but the line goes on ('{Shorten(string.Join(' ', fields[3..]))}')");
        }

        if (!AbnormalClasses.Contains(kind))
        {
            throw new ImportException(path, line, $"{reference}: class '{Shorten(kind)}' is not one of CALC, CIRC, SPIC, MISC, ARCH, ASYM, NORM");
        }

        if (fields.Length < 4 || fields[3] is not ("B" or "M"))
        {
            throw new ImportException(path, line, $"{reference}: an abnormality needs a severity B or M{(fields.Length < 4 ? "" : $", not '{Shorten(fields[3])}'")}");
        }

        var severity = fields[3][0];
        switch (fields.Length)
        {
            case 4:
                return new MiasEntry(line, reference, number, tissue, kind, severity, null, null, null, false);
            case 6 when fields[4] == "*NOTE" && fields[5] == "3*":
                return new MiasEntry(line, reference, number, tissue, kind, severity, null, null, null, true);
            case 7:
                var x = Coordinate(path, line, reference, "x", fields[4], 0);
                var y = Coordinate(path, line, reference, "y", fields[5], 0);
                var radius = Coordinate(path, line, reference, "radius", fields[6], 1);
                return new MiasEntry(line, reference, number, tissue, kind, severity, x, y, radius, false);
            default:
                throw new ImportException(
                    path, line, $"{reference}: after the severity come either x, y and radius or '*NOTE 3*', not '{Shorten(string.Join(' ', fields[4..]))}'");
        }
    }

    private static int Coordinate(string path, long line, string reference, string name, string text, int min)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > PgmImage.MaximumSide)
        {
            throw new ImportException(path, line, $"{reference}: {name} '{Shorten(text)}' is not a whole number of pixels (0 to {PgmImage.MaximumSide})");
        }

        return value >= min
            ? value
            : throw new ImportException(path, line, $"{reference}: {name} {value} is below {min}");
    }

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "...";
}
