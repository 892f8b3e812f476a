namespace Mammo.Tests.Support;

/// <summary>Records every progress report synchronously (unlike <see cref="Progress{T}"/>, which posts to the thread pool), from any thread.</summary>
internal sealed class ProgressLog : IProgress<MassProgress>
{
    public List<MassProgress> Seen { get; } = [];

    public void Report(MassProgress value)
    {
        lock (Seen)
        {
            Seen.Add(value);
        }
    }
}
