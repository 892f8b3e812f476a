using Mammo.Parallelism;

namespace Mammo.Tests.Parallelism;

public sealed class ParallelWorkTests
{
    [Fact]
    public void Every_item_runs_once()
    {
        var runs = new int[257];
        ParallelWork.For(runs.Length, default, i => Interlocked.Increment(ref runs[i]));
        Assert.All(runs, r => Assert.Equal(1, r));
    }

    [Fact]
    public void An_error_reaches_the_caller_as_itself_not_wrapped()
    {
        var error = new InvalidOperationException("item 5 failed");
        var thrown = Assert.Throws<InvalidOperationException>(() => ParallelWork.For(16, default, i =>
        {
            if (i == 5)
            {
                throw error;
            }
        }));
        Assert.Same(error, thrown);
    }

    [Fact]
    public void A_cancelled_token_stops_the_loop()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        var ran = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => ParallelWork.For(16, source.Token, _ => Interlocked.Increment(ref ran)));
        Assert.Equal(0, ran);
    }
}
