using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Mammo.CbisDdsm;

/// <summary>
/// Reads the official CBIS-DDSM case-description CSVs (mass and calcification schemas) into <see cref="CaseRecord"/>s.
/// </summary>
/// <remarks>
/// <para>The files are read exactly as published: CRLF line ends, no BOM, header names with spaces, quoted fields holding
/// an embedded newline, <c>NA</c> for "not available", hyphen-joined shape and margin combinations in any order.</para>
/// <para>Nothing is guessed. An unknown or missing column, a value outside the vocabulary, a number out of range, a
/// duplicate case key or bytes that are not UTF-8 raise a <see cref="CaseDescriptionException"/> naming the file, the
/// line and the column.</para>
/// </remarks>
public static class CaseDescriptionReader
{
    /// <summary>Reads a case-description CSV file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <returns>One record per row, in file order.</returns>
    /// <exception cref="CaseDescriptionException">The file is missing, empty or malformed.</exception>
    public static IReadOnlyList<CaseRecord> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new CaseDescriptionException(path, 0, null, "the file does not exist");
        }

        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads case descriptions from a stream of UTF-8 bytes (bytes that are not UTF-8 are an error).</summary>
    internal static IReadOnlyList<CaseRecord> Read(Stream stream, string sourceName)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        return Read(reader, sourceName);
    }

    /// <summary>Reads case descriptions from a text reader.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="sourceName">The name used in error messages (usually the file path).</param>
    /// <returns>One record per row, in order.</returns>
    /// <exception cref="CaseDescriptionException">The text is empty or malformed.</exception>
    public static IReadOnlyList<CaseRecord> Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        long recordStartLine = 1;
        try
        {
            return ReadCore(reader, sourceName, ref recordStartLine);
        }
        catch (DecoderFallbackException e)
        {
            throw new CaseDescriptionException(sourceName, recordStartLine, null, "the file is not valid UTF-8 text", e);
        }
        catch (CsvHelperException e)
        {
            throw new CaseDescriptionException(sourceName, recordStartLine, null, $"malformed CSV ({FirstLine(e.Message)})", e);
        }
    }

    private static IReadOnlyList<CaseRecord> ReadCore(TextReader reader, string source, ref long recordStartLine)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // Field counts are checked per row below, with a message that names the line.
            DetectColumnCountChanges = false,
            TrimOptions = TrimOptions.None,
            // Thrown as CsvHelper's own error so that Read reports it at the line where the record starts (the parser's
            // RawRow is then the record's last line, which differs when a quoted field holds a newline).
            BadDataFound = args => throw new BadDataException(
                args.Field, args.RawRecord, args.Context, $"a stray quote in field '{Shorten(args.Field)}'"),
        };
        using var csv = new CsvReader(reader, configuration);
        if (!csv.Read())
        {
            throw new CaseDescriptionException(source, 0, null, "the file is empty");
        }

        csv.ReadHeader();
        // ReadHeader after a successful Read always sets the header record.
        var header = csv.HeaderRecord!.Select(name => name.Trim()).ToArray();
        if (header.GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new CaseDescriptionException(source, 1, repeated.Key, "the column appears more than once in the header");
        }

        var schema = CaseDescriptionSchema.Match(header, out var problem)
            ?? throw new CaseDescriptionException(source, 1, null, problem!);
        var index = header.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);

        var records = new List<CaseRecord>();
        var firstLineOfKey = new Dictionary<string, (long Line, Pathology Pathology)>(StringComparer.Ordinal);
        recordStartLine = csv.Parser.RawRow + 1;
        while (csv.Read())
        {
            var row = new RowReader(csv, index, source, recordStartLine, header.Length);
            var record = row.ToRecord(schema);
            if (firstLineOfKey.TryGetValue(record.CaseKey, out var first))
            {
                var conflict = first.Pathology != record.Pathology
                    ? $" with a different pathology ({Vocabulary.Pathologies.ToText(first.Pathology)} there, {Vocabulary.Pathologies.ToText(record.Pathology)} here)"
                    : "";
                throw new CaseDescriptionException(
                    source, recordStartLine, null, $"duplicate case key {record.CaseKey}: line {first.Line} has it already{conflict}");
            }

            firstLineOfKey[record.CaseKey] = (recordStartLine, record.Pathology);
            records.Add(record);
            recordStartLine = csv.Parser.RawRow + 1;
        }

        if (records.Count == 0)
        {
            throw new CaseDescriptionException(source, 0, null, "the file has a header but no rows");
        }

        return records;
    }

    /// <summary>
    /// CBIS-DDSM's <c>P_00001</c>, or another source's prefix in the same form (<c>MIAS_001</c>): 1-8 upper-case
    /// letters, an underscore, digits. Case keys are built from it, so nothing else (no path characters) is accepted.
    /// </summary>
    internal static bool IsPatientId(string text)
    {
        var underscore = text.IndexOf('_', StringComparison.Ordinal);
        return underscore is >= 1 and <= 8
            && underscore < text.Length - 1
            && text[..underscore].All(char.IsAsciiLetterUpper)
            && text[(underscore + 1)..].All(char.IsAsciiDigit);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    /// <summary>Reads and checks the fields of one row, naming the line and column of anything wrong.</summary>
    private readonly ref struct RowReader(CsvReader csv, Dictionary<string, int> index, string source, long line, int width)
    {
        public CaseRecord ToRecord(CaseDescriptionSchema schema)
        {
            if (csv.Parser.Count != width)
            {
                throw new CaseDescriptionException(
                    source, line, null, $"the row has {csv.Parser.Count} fields, the header {width} (truncated or extra fields?)");
            }

            var patient = Text(CaseDescriptionSchema.PatientId);
            if (!IsPatientId(patient))
            {
                Fail(CaseDescriptionSchema.PatientId, $"'{Shorten(patient)}' is not a patient id such as P_00001 (CBIS-DDSM) or MIAS_001 (imported MIAS)");
            }

            var type = Enum(CaseDescriptionSchema.AbnormalityType, Vocabulary.AbnormalityTypes);
            if (type != schema.Kind)
            {
                Fail(CaseDescriptionSchema.AbnormalityType, $"'{Text(CaseDescriptionSchema.AbnormalityType)}' in a {schema.Kind.ToString().ToLowerInvariant()} file");
            }

            var record = new CaseRecord
            {
                PatientId = patient,
                BreastDensity = Integer(schema.Density, 0, 4),
                Side = Enum(CaseDescriptionSchema.Side, Vocabulary.Sides),
                View = Enum(CaseDescriptionSchema.View, Vocabulary.Views),
                AbnormalityId = Integer(CaseDescriptionSchema.AbnormalityId, 1, 99),
                AbnormalityType = type,
                Assessment = Integer(CaseDescriptionSchema.Assessment, 0, 5),
                Pathology = Enum(CaseDescriptionSchema.Pathology, Vocabulary.Pathologies),
                Subtlety = Integer(CaseDescriptionSchema.Subtlety, 0, 5),
                ImageFilePath = Text(CaseDescriptionSchema.ImagePath),
                CroppedImageFilePath = Text(CaseDescriptionSchema.CropPath),
                RoiMaskFilePath = Text(CaseDescriptionSchema.MaskPath),
            };
            return schema.Kind == AbnormalityType.Mass
                ? record with
                {
                    MassShapes = Combination(schema.FirstDescriptor, Vocabulary.Shapes),
                    MassMargins = Combination(schema.SecondDescriptor, Vocabulary.Margins),
                }
                : record with
                {
                    CalcTypes = FreeCombination(schema.FirstDescriptor),
                    CalcDistributions = FreeCombination(schema.SecondDescriptor),
                };
        }

        private string Text(string column) => csv.GetField(index[column])!.Trim();

        private int Integer(string column, int min, int max)
        {
            var text = Text(column);
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                Fail(column, $"'{Shorten(text)}' is not a whole number");
            }

            if (value < min || value > max)
            {
                Fail(column, $"{value} is outside {min}-{max}");
            }

            return value;
        }

        private T Enum<T>(string column, Vocabulary.Spelling<T> spelling)
            where T : struct, System.Enum
        {
            var text = Text(column);
            if (!spelling.TryParse(text, out var value))
            {
                Fail(column, $"'{Shorten(text)}' is not one of {string.Join(", ", spelling.Texts)}");
            }

            return value;
        }

        private IReadOnlyList<T> Combination<T>(string column, Vocabulary.Spelling<T> spelling)
            where T : struct, System.Enum
        {
            var text = Text(column);
            if (text is Vocabulary.NotAvailable or "")
            {
                return [];
            }

            var values = new List<T>();
            foreach (var part in SplitCombination(text))
            {
                if (!spelling.TryParse(part, out var value))
                {
                    Fail(column, $"'{part}' (in '{Shorten(text)}') is not one of {string.Join(", ", spelling.Texts)}");
                }

                values.Add(value);
            }

            return values;
        }

        // The calcification vocabulary has typos in the official files, so its terms are kept as spelled and only
        // their form is checked: upper-case words joined by underscores.
        private IReadOnlyList<string> FreeCombination(string column)
        {
            var text = Text(column);
            if (text is Vocabulary.NotAvailable or "")
            {
                return [];
            }

            var parts = SplitCombination(text);
            foreach (var part in parts)
            {
                if (part.Length == 0 || !part.All(c => char.IsAsciiLetterUpper(c) || c == '_'))
                {
                    Fail(column, $"'{Shorten(text)}' is not a hyphen-joined list of upper-case terms");
                }
            }

            return parts;
        }

        private static string[] SplitCombination(string text) => text.Split('-');

        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private void Fail(string column, string problem) => throw new CaseDescriptionException(source, line, column, problem);
    }
}
