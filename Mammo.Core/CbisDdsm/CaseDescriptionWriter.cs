using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Mammo.IO;

namespace Mammo.CbisDdsm;

/// <summary>Writes case descriptions in the official layouts, quirks included (CRLF, quoted last field with a newline).</summary>
/// <remarks>Files are written atomically (<see cref="AtomicFile"/>): an interrupted run leaves no partial CSV.</remarks>
internal static class CaseDescriptionWriter
{
    /// <summary>Writes a mass case-description CSV.</summary>
    public static void WriteMass(string path, IEnumerable<CaseRecord> records) => Write(path, CaseDescriptionSchema.Mass, records);

    /// <summary>Writes a calcification case-description CSV (<c>calc type</c> and <c>calc distribution</c> from the records' calcification fields).</summary>
    public static void WriteCalcification(string path, IEnumerable<CaseRecord> records) => Write(path, CaseDescriptionSchema.Calcification, records);

    private static void Write(string path, CaseDescriptionSchema schema, IEnumerable<CaseRecord> records) =>
        AtomicFile.Write(path, stream =>
        {
            // The CSV writer owns the text writer (and flushes it when disposed); the stream stays AtomicFile's.
            // CsvHelper's line end is CRLF, as in the official files.
            using var csv = new CsvWriter(
                new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true),
                new CsvConfiguration(CultureInfo.InvariantCulture));
            WriteTo(csv, schema, records);
        });

    private static void WriteTo(CsvWriter csv, CaseDescriptionSchema schema, IEnumerable<CaseRecord> records)
    {
        foreach (var column in schema.Columns)
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        var mass = schema.Kind == AbnormalityType.Mass;
        foreach (var r in records)
        {
            if (r.AbnormalityType != schema.Kind)
            {
                throw new ArgumentException($"{r.CaseKey} is a {r.AbnormalityType} row; this file holds {schema.Kind} rows.", nameof(records));
            }

            csv.WriteField(r.PatientId);
            csv.WriteField(r.BreastDensity);
            csv.WriteField(Vocabulary.Sides.ToText(r.Side));
            csv.WriteField(Vocabulary.Views.ToText(r.View));
            csv.WriteField(r.AbnormalityId);
            csv.WriteField(Vocabulary.AbnormalityTypes.ToText(r.AbnormalityType));
            csv.WriteField(mass ? Join(r.MassShapes, Vocabulary.Shapes) : Join(r.CalcTypes));
            csv.WriteField(mass ? Join(r.MassMargins, Vocabulary.Margins) : Join(r.CalcDistributions));
            csv.WriteField(r.Assessment);
            csv.WriteField(Vocabulary.Pathologies.ToText(r.Pathology));
            csv.WriteField(r.Subtlety);
            csv.WriteField(r.ImageFilePath);
            if (mass)
            {
                csv.WriteField(r.CroppedImageFilePath);

                // As in the official mass files: the mask path ends in a newline inside its quotes.
                csv.WriteField(r.RoiMaskFilePath + "\n", shouldQuote: true);
            }
            else
            {
                // As in the official calcification files: the newline sits in the cropped image path instead.
                csv.WriteField(r.CroppedImageFilePath + "\n", shouldQuote: true);
                csv.WriteField(r.RoiMaskFilePath);
            }

            csv.NextRecord();
        }
    }

    private static string Join<T>(IReadOnlyList<T> values, Vocabulary.Spelling<T> spelling)
        where T : struct, Enum
        => values.Count == 0 ? Vocabulary.NotAvailable : string.Join('-', values.Select(spelling.ToText));

    private static string Join(IReadOnlyList<string> values) => values.Count == 0 ? Vocabulary.NotAvailable : string.Join('-', values);
}
