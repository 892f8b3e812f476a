using System.Diagnostics;
using Spectre.Console;

namespace Mammo.Cli.Reporting;

/// <summary>
/// Shows Mammo's progress reports on stderr: a live Spectre.Console bar (count, rate, time left) on a terminal, plain
/// lines when stderr is redirected (CI, pipes). Stdout stays free for results and JSON.
/// </summary>
internal sealed class ConsoleProgress
{
    private static readonly bool Interactive = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null;

    public T Run<T>(Func<IProgress<MassProgress>, T> work)
    {
        if (!Interactive)
        {
            return work(new LineReporter());
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new TransferlessCountColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => work(new BarReporter(context)));
    }

    /// <summary>Shows "done/total" and the rate, where Spectre's own columns speak of bytes.</summary>
    private sealed class TransferlessCountColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            var rate = task.Speed is { } speed ? $" {speed:F1}/s" : "";
            return new Markup($"{task.Value:F0}/{task.MaxValue:F0}{rate}");
        }
    }

    private sealed class BarReporter(ProgressContext context) : IProgress<MassProgress>
    {
        private readonly Dictionary<string, ProgressTask> tasks = [];
        private readonly Lock gate = new();

        public void Report(MassProgress value)
        {
            lock (gate)
            {
                if (!tasks.TryGetValue(value.Stage, out var task))
                {
                    task = tasks[value.Stage] = context.AddTask(Markup.Escape(value.Stage), maxValue: Math.Max(1, value.Total));
                }

                task.MaxValue = Math.Max(1, value.Total);
                task.Value = value.Done;
            }
        }
    }

    private sealed class LineReporter : IProgress<MassProgress>
    {
        private readonly Dictionary<string, (Stopwatch Clock, int LastDecile)> stages = [];
        private readonly Lock gate = new();

        public void Report(MassProgress value)
        {
            lock (gate)
            {
                if (!stages.TryGetValue(value.Stage, out var state))
                {
                    state = (Stopwatch.StartNew(), -1);
                }

                var decile = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
                if (decile != state.LastDecile)
                {
                    var seconds = state.Clock.Elapsed.TotalSeconds;
                    var rate = value.Done / Math.Max(seconds, 1e-3);
                    var timing = seconds < 0.5 || value.Done == 0 ? "" : $" ({rate:F1}/s, {(value.Total - value.Done) / rate:F0} s left)";
                    Console.Error.WriteLine($"{value.Stage}: {value.Done}/{value.Total}{timing}");
                    state.LastDecile = decile;
                }

                stages[value.Stage] = state;
            }
        }
    }
}
