using Mammo.Heads;
using Mammo.Tests.Support;
using Mammo.Training;
using Microsoft.ML;

namespace Mammo.Tests.Heads;

public sealed class HeadScorerConcurrencyTests
{
    private const int Threads = 8;
    private const int Waves = 60;
    private const int Rounds = 40;

    [Fact]
    public void Eight_threads_released_together_score_exactly_as_one_thread_does()
    {
        var training = GeneratedVectors.Make(120, seed: 21, separation: 1, dimensions: 64);
        var probe = GeneratedVectors.Make(64, seed: 22, separation: 1, dimensions: 64);
        var ml = new MLContext(7);
        var head = HeadPipeline.Fit(ml, HeadTrainer.LbfgsLogisticRegression, 1, training.Vectors, training.VectorLabels, false);

        // The reference comes from a scorer of its own, one vector at a time, before any contention.
        var reference = new HeadScorer(ml, head, 64);
        var expected = probe.Vectors.Select(v => reference.Score([v])[0]).ToArray();
        Assert.True(expected.Distinct().Count() == expected.Length, "every probe vector has its own score");

        // Every call rents and returns an engine. A thread that gave one back takes the same one next time (ConcurrentBag
        // keeps a list per thread), so the pool is most contended while it is young: each wave starts a fresh scorer.
        var scorers = Enumerable.Range(0, Waves).Select(_ => new HeadScorer(ml, head, 64)).ToArray();
        using var start = new Barrier(Threads);
        var mismatches = new int[Threads];
        var failures = new Exception?[Threads];
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            for (var call = 0; call < Waves * Rounds; call++)
            {
                if (call % Rounds == 0)
                {
                    start.SignalAndWait();
                }

                // Each thread walks the vectors from its own offset, one to four at a call, so neighbours score different rows.
                var rows = Enumerable.Range(0, 1 + (call % 4)).Select(k => ((call * 7) + (t * 11) + (k * 5)) % probe.Vectors.Length).ToArray();
                try
                {
                    var scores = scorers[call / Rounds].Score([.. rows.Select(r => probe.Vectors[r])]);
                    if (!scores.SequenceEqual(rows.Select(r => expected[r])))
                    {
                        mismatches[t]++;
                    }
                }
                catch (Exception e)
                {
                    // Recorded, not rethrown: the thread must keep meeting the others at the barrier.
                    failures[t] ??= e;
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.All(failures, f => Assert.Null(f));
        Assert.Equal(new int[Threads], mismatches);
        Assert.Equal(expected, probe.Vectors.Select(v => scorers[0].Score([v])[0]));
    }
}
