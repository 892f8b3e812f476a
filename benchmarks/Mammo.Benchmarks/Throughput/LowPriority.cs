using System.Runtime.InteropServices;

namespace Mammo.Benchmarks.Throughput;

/// <summary>
/// Lowers the scheduling priority of the calling thread, so that it runs on whatever CPU time the network's threads
/// leave idle instead of taking a core from them: the <c>stages</c> profile uses it to measure how much idle time
/// ONNX Runtime leaves for decoding beside the network (too little to pay for overlapping the two; see FeatureSource).
/// </summary>
/// <remarks>
/// On Linux .NET ignores <see cref="Thread.Priority"/>, so the thread's nice value is raised with <c>setpriority</c> on
/// its kernel thread id (Linux keeps a nice value per thread). Elsewhere <see cref="ThreadPriority.Lowest"/> is used.
/// A failure only leaves the thread at its priority: it changes speed, never results.
/// </remarks>
internal static class LowPriority
{
    private const int PriorityProcess = 0;

    /// <summary>Lowers the calling thread by <paramref name="steps"/> nice steps (capped at 19, the lowest) and returns its nice value, or <see langword="null"/> when unknown.</summary>
    public static int? Lower(int steps = 19)
    {
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                Thread.CurrentThread.Priority = ThreadPriority.Lowest;
            }
            catch (ThreadStateException)
            {
                // A thread that is ending: its priority no longer matters.
            }

            return null;
        }

        try
        {
            var tid = GetThreadId();
            Marshal.SetLastPInvokeError(0);
            var current = GetPriority(PriorityProcess, tid);
            if (current == -1 && Marshal.GetLastPInvokeError() != 0)
            {
                return null;
            }

            var target = Math.Min(19, current + steps);
            return SetPriority(PriorityProcess, tid, target) == 0 ? target : current;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    // DllImport rather than LibraryImport: the arguments are plain ints (nothing to marshal), and LibraryImport would
    // need unsafe code enabled for the whole library.
    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();

    [DllImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static extern int GetPriority(int which, int who);

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);
}
