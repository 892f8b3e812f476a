using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Mammo.IO;

namespace Mammo.CbisDdsm;

/// <summary>Writes mass case descriptions in the official layout, quirks included (CRLF, quoted last field with a newline).</summary>
internal static class CaseDescriptionWriter
{
    /// <summary>Writes the file atomically (<see cref="AtomicFile"/>), so an interrupted run leaves no partial CSV.</summary>
    public static void WriteMass(string path, IEnumerable<CaseRecord> records) =>
        AtomicFile.Write(path, stream => WriteMassTo(stream, records));

    private static void WriteMassTo(Stream target, IEnumerable<CaseRecord> records)
    {
        var schema = CaseDescriptionSchema.Mass;
        using var stream = new StreamWriter(target, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        using var csv = new CsvWriter(stream, configuration);
        foreach (var column in schema.Columns)
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        foreach (var r in records)
        {
            csv.WriteField(r.PatientId);
            csv.WriteField(r.BreastDensity);
            csv.WriteField(Vocabulary.Sides.ToText(r.Side));
            csv.WriteField(Vocabulary.Views.ToText(r.View));
            csv.WriteField(r.AbnormalityId);
            csv.WriteField("mass");
            csv.WriteField(Join(r.MassShapes, Vocabulary.Shapes));
            csv.WriteField(Join(r.MassMargins, Vocabulary.Margins));
            csv.WriteField(r.Assessment);
            csv.WriteField(Vocabulary.Pathologies.ToText(r.Pathology));
            csv.WriteField(r.Subtlety);
            csv.WriteField(r.ImageFilePath);
            csv.WriteField(r.CroppedImageFilePath);

            // As in the official files: the mask path ends in a newline inside its quotes.
            csv.WriteField(r.RoiMaskFilePath + "\n", shouldQuote: true);
            csv.NextRecord();
        }
    }

    private static string Join<T>(IReadOnlyList<T> values, Vocabulary.Spelling<T> spelling)
        where T : struct, Enum
        => values.Count == 0 ? Vocabulary.NotAvailable : string.Join('-', values.Select(spelling.ToText));
}
