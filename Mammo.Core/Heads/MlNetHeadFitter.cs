using Mammo.Training;
using Microsoft.ML;

namespace Mammo.Heads;

/// <summary>The ML.NET head (<see cref="HeadPipeline"/>) behind <see cref="IHeadFitter"/>; each fit in its own seeded context, so fits may run side by side.</summary>
internal sealed class MlNetHeadFitter(HeadTrainer trainer, bool balance, int seed, float tolerance = 1e-5f) : IHeadFitter
{
    public Func<IReadOnlyList<float[]>, double[]> Fit(IReadOnlyList<float[]> vectors, IReadOnlyList<bool> labels, double l2PerExample)
    {
        var ml = new MLContext(seed);
        var model = HeadPipeline.Fit(ml, trainer, HeadPipeline.TrainerRegularization(trainer, l2PerExample, vectors.Count), vectors, labels, balance, tolerance);
        return x => HeadPipeline.Score(ml, model, x);
    }
}
