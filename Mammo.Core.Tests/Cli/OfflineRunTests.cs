using System.Diagnostics;
using System.Text.Json;
using Mammo.Tests.Support;

namespace Mammo.Tests.Cli;

/// <summary>
/// "Nothing is downloaded at run time": the console trains and predicts in a process with no network at all (a new,
/// empty network namespace: no interface but a downed loopback, no DNS). Skipped with the reason where the system does
/// not permit unprivileged network namespaces (<c>unshare -n</c>).
/// </summary>
public sealed class OfflineRunTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Training_and_prediction_run_without_any_network()
    {
        RequireNetworkNamespace();
        var data = SmallSynthetic.Data;
        var model = directory.File("model.zip");

        // Training reuses the suite's feature cache (kept fast); the prediction below runs the backbone on a new file.
        var train = RunOffline("train", "--csv", data.Splits[0].CsvPath, "--roi-root", data.RoiDirectory, "--out", model, "--cache", SmallSynthetic.CacheDirectory);
        Assert.True(train.ExitCode == 0, $"train failed offline (exit {train.ExitCode}): {train.Error}");
        Assert.True(File.Exists(model));

        // A ROI no cache has seen: its features can only come from the ONNX backbone, loaded from the installed files.
        var roi = TestFiles.WriteHdf5(directory.File("new-roi.h5"), 120, 100, v => (byte)Math.Round(v * 255));
        var predict = RunOffline("predict", "--model", model, roi, "--json");
        Assert.True(predict.ExitCode == 0, $"predict failed offline (exit {predict.ExitCode}): {predict.Error}");
        using var json = JsonDocument.Parse(predict.Out);
        var probability = Assert.Single(json.RootElement.EnumerateArray()).GetProperty("probability").GetDouble();
        Assert.InRange(probability, 0, 1);
    }

    private static void RequireNetworkNamespace()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("network namespaces (unshare -n) exist on Linux only");
        }

        var probe = Start(["unshare", "-n", "true"]);
        if (probe.ExitCode != 0)
        {
            Assert.Skip($"this system does not permit 'unshare -n' (exit {probe.ExitCode}: {probe.Error.Trim()}); the offline run cannot be isolated here");
        }
    }

    private static MammoProcess.Result RunOffline(params string[] arguments)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(SharedData.RepositoryRoot, "samples", "Mammo.Cli", "bin", configuration, "net10.0", "mammo.dll");
        Assert.True(File.Exists(dll), $"{dll} was not built");
        return Start(["unshare", "-n", "dotnet", dll, .. arguments]);
    }

    private static MammoProcess.Result Start(string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new MammoProcess.Result(127, "", $"{command[0]}: {e.Message}");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{string.Join(' ', command)} did not finish in 3 minutes");
            }

            return new MammoProcess.Result(process.ExitCode, output.Result, error.Result);
        }
    }
}
