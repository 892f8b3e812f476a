using System.CommandLine;
using Mammo.Cli.Reporting;

namespace Mammo.Cli;

/// <summary>Runs a verb's body: Mammo's own errors become one line on stderr and exit code 2, never a crash.</summary>
internal static class CliRunner
{
    public const int InputError = 2;
    public const int InternalError = 70;
    public const int Cancelled = 130;

    public static void SetAction(Command command, Func<ParseResult, CancellationToken, int> body) =>
        command.SetAction((ParseResult parse, CancellationToken token) => Task.FromResult(Run(parse, token, body)));

    private static int Run(ParseResult parse, CancellationToken token, Func<ParseResult, CancellationToken, int> body)
    {
        var verbose = parse.GetValue(CliOptions.Verbose);
        try
        {
            return body(parse, token);
        }
        catch (MammoException e)
        {
            Console.Error.WriteLine($"mammo: {e.Message}");
            if (verbose)
            {
                Console.Error.WriteLine(e);
            }

            return InputError;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("mammo: cancelled; no partial output was kept");
            return Cancelled;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            Console.Error.WriteLine($"mammo: {e.Message}");
            if (verbose)
            {
                Console.Error.WriteLine(e);
            }

            return InputError;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"mammo: internal error ({e.GetType().Name}: {FirstLine(e.Message)}); run with --verbose for details");
            if (verbose)
            {
                Console.Error.WriteLine(e);
            }

            return InternalError;
        }
    }

    public static void PrintSkipped(IReadOnlyList<Data.SkippedRow> skipped)
    {
        if (skipped.Count == 0)
        {
            return;
        }

        Console.Error.WriteLine($"{skipped.Count} row(s) left out:");
        foreach (var row in skipped)
        {
            Console.Error.WriteLine($"  {row.CaseKey}: {row.Reason}");
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    public static ConsoleProgress Progress() => new();
}
