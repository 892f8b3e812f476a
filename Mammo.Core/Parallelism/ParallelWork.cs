using System.Runtime.ExceptionServices;

namespace Mammo.Parallelism;

/// <summary>Loops over independent items on every core, the way all of Mammo's parallel work runs.</summary>
internal static class ParallelWork
{
    /// <summary>
    /// Runs <paramref name="body"/> for 0 .. count - 1 on all cores and rethrows the first error as itself, not wrapped
    /// in an <see cref="AggregateException"/>: a caller sees the same exception whether the work ran in parallel or not.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled before every item started.</exception>
    public static void For(int count, CancellationToken cancellationToken, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
