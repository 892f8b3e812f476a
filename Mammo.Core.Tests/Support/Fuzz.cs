using CsCheck;

namespace Mammo.Tests.Support;

/// <summary>
/// Runs a property over generated inputs. In CI the inputs come from fixed seeds, so every run tries the same cases
/// and a failure names the seed that reproduces it. Setting <c>MAMMO_SOAK_SECONDS</c> runs CsCheck's own random
/// sampling for that long instead (a soak).
/// </summary>
public static class Fuzz
{
    public static void Run<T>(Gen<T> gen, int iterations, Action<T> property)
    {
#if MUTATION_RUN
        // Stryker runs every covering test for each mutant: a tenth of the cases keeps the readers' fuzz tests from
        // dominating the mutation run; the full count still runs in the main suite.
        iterations = Math.Max(10, iterations / 10);
#endif
        if (int.TryParse(Environment.GetEnvironmentVariable("MAMMO_SOAK_SECONDS"), out var seconds) && seconds > 0)
        {
            gen.Sample(property, time: seconds, threads: 1);
            return;
        }

        for (var seed = 0; seed < iterations; seed++)
        {
            var input = gen.Generate(new PCG(7, (ulong)seed), null, out _);
            try
            {
                property(input);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"fuzz seed {seed} failed: {e.Message}");
            }
        }
    }

    /// <summary>Runs one case with a time bound: a hang is a failure.</summary>
    public static void WithinSeconds(int seconds, Action action)
    {
        var task = Task.Run(action);
        if (!task.Wait(TimeSpan.FromSeconds(seconds)))
        {
            throw new TimeoutException($"did not finish within {seconds} s");
        }
    }

    /// <summary>Asserts that an action either succeeds or throws exactly the expected kind of Mammo error.</summary>
    public static void SucceedsOrThrows<TException>(Action action)
        where TException : MammoException
    {
        try
        {
            WithinSeconds(10, action);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1 && e.InnerException is TException)
        {
        }
        catch (AggregateException e)
        {
            throw new Xunit.Sdk.XunitException($"expected success or {typeof(TException).Name}, got {e.InnerException}");
        }
    }
}
