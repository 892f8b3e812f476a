using System.CommandLine;
using System.Text.Json;
using Mammo.CbisDdsm;

namespace Mammo.Cli.Commands;

/// <summary><c>mammo stats --csv FILE [--json]</c>: the statistics of a case-description CSV.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var csv = CliOptions.Csv();
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("stats", "Rows, patients, lesions, pathology counts and the majority-class baseline of a case-description CSV.") { csv, json };
        CliRunner.SetAction(command, (parse, _) =>
        {
            var statistics = DatasetStatistics.Compute(CaseDescriptionReader.Read(parse.GetValue(csv)!.FullName));
            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(ToJson(statistics), JsonOptions.Indented) : Describe(statistics));
            return 0;
        });
        return command;
    }

    public static object ToJson(DatasetStatistics s) => new
    {
        rows = s.Rows,
        patients = s.Patients,
        lesions = s.Lesions,
        malignant = s.Malignant,
        benign = s.Benign,
        benignWithoutCallback = s.BenignWithoutCallback,
        malignantFraction = Math.Round(s.MalignantFraction, 6),
        majorityClass = s.MajorityClass,
        majorityBaselineAccuracy = Math.Round(s.MajorityBaselineAccuracy, 6),
    };

    public static string Describe(DatasetStatistics s) =>
        $"""
        rows                         {s.Rows}
        patients                     {s.Patients}
        lesions                      {s.Lesions}
        malignant                    {s.Malignant} ({s.MalignantFraction:P1})
        benign                       {s.Benign} (of which BENIGN_WITHOUT_CALLBACK {s.BenignWithoutCallback})
        majority class               {s.MajorityClass}
        majority-baseline accuracy   {s.MajorityBaselineAccuracy:F4}
        """;
}
