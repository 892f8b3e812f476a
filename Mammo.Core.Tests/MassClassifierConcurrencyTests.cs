using Mammo.Tests.Support;

namespace Mammo.Tests;

public sealed class MassClassifierConcurrencyTests
{
    [Fact]
    public void Predictions_from_eight_threads_on_one_loaded_model_equal_sequential_ones()
    {
        using var directory = new TempDirectory();
        var path = directory.File("model.zip");
        SmallSynthetic.Model.Save(path);
        var model = MassClassifier.Load(path);
        var rois = SmallSynthetic.Test.Items.Select(i => i.RoiPath).Take(13).ToArray(); // 13 is prime to 8: every thread scores many different ROIs
        var sequential = rois.Select(r => model.Predict(r).Probability).ToArray();

        var parallel = new double[64];
        // Eight real threads (the thread pool might use fewer on a small machine), each taking every eighth prediction.
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            try
            {
                for (var n = t; n < parallel.Length; n += 8)
                {
                    parallel[n] = model.Predict(rois[n % rois.Length]).Probability;
                }
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(errors);
        Assert.Equal(Enumerable.Range(0, parallel.Length).Select(n => sequential[n % rois.Length]), parallel);
    }
}
