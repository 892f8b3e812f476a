namespace Mammo.Heads;

/// <summary>Fits a head on feature vectors and labels; the seam that lets selection and cross-validation run on generated vectors.</summary>
internal interface IHeadFitter
{
    /// <summary>Fits a head with the given L2 strength per example (the fitter scales it to its trainer's convention).</summary>
    Func<IReadOnlyList<float[]>, double[]> Fit(IReadOnlyList<float[]> vectors, IReadOnlyList<bool> labels, double l2PerExample);
}
