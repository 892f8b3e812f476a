using System.Diagnostics;
using Mammo.Tests.Support;

namespace Mammo.Tests.Cli;

/// <summary>Runs the sample console (<c>mammo</c>), or another sample app, as a separate process, as a user would.</summary>
public static class MammoProcess
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(params string[] arguments) => RunSample("Mammo.Cli", "mammo", arguments);

    /// <summary>Runs <c>samples/{project}</c>'s <c>{assembly}.dll</c>, built in the tests' configuration.</summary>
    public static Result RunSample(string project, string assembly, params string[] arguments)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(SharedData.RepositoryRoot, "samples", project, "bin", configuration, "net10.0", assembly + ".dll");
        Assert.True(File.Exists(dll), $"{dll} was not built");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{assembly} {string.Join(' ', arguments)} did not finish in 3 minutes");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
