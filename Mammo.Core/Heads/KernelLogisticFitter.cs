using System.Numerics.Tensors;

namespace Mammo.Heads;

/// <summary>
/// L2-regularised logistic regression solved exactly: the same objective as the ML.NET head (features scaled to unit
/// variance, loss summed over rows plus c x rows / 2 |w|^2, bias not penalised), in milliseconds when rows are far fewer
/// than features, as in a head search on a small dataset, and in well under a second on a CBIS-DDSM-sized one.
/// </summary>
/// <remarks>
/// <para>Up to <see cref="RowSpanLimit"/> rows the problem is solved in the span of the training rows: the penalised
/// solution lies in the span of the (scaled) training rows X, so with G = X X^T = L L^T (Cholesky) the problem becomes a
/// logistic regression on the n x n matrix L with plain L2 on its n weights; Newton's method then converges in a few
/// steps. A new row x is scored through L^-1 X x. Rows are scaled, not centred (as ML.NET's NormalizeMeanVariance does
/// by default; the unpenalised bias absorbs any shift, and a centred Gram matrix would be singular).</para>
/// <para>Above it, that costs n^3 per Newton step (about 10 s a fit on 1,318 rows), so the same objective is minimised
/// over the feature weights themselves: Newton steps solved by preconditioned conjugate gradients, which touch X only
/// through products with vectors (n x d per product). Both reach the one optimum of a strictly convex objective; they
/// agree to about 1e-7 in probability (a test pins it), far inside any difference a choice between candidates rests on.</para>
/// </remarks>
internal sealed class KernelLogisticFitter(bool standardize = true, int rowSpanLimit = KernelLogisticFitter.RowSpanLimit) : IHeadFitter
{
    /// <summary>Up to this many rows the fit is solved in the span of the rows (n^3 per Newton step), above it over the features.</summary>
    public const int RowSpanLimit = 512;

    public Func<IReadOnlyList<float[]>, double[]> Fit(IReadOnlyList<float[]> vectors, IReadOnlyList<bool> labels, double l2PerExample)
    {
        // Vector kernels (TensorPrimitives) for every inner loop: SIMD, and a mutation run's per-expression checks then cost
        // n^2 per Newton step instead of n^3.
        var n = vectors.Count;
        var d = vectors[0].Length;
        var mean = new double[d];
        var scale = new double[d];
        var buffer = new double[d];
        foreach (var v in vectors)
        {
            TensorPrimitives.ConvertChecked<float, double>(v, buffer);
            TensorPrimitives.Add(mean, buffer, mean);
        }

        TensorPrimitives.Divide(mean, n, mean);
        foreach (var v in vectors)
        {
            TensorPrimitives.ConvertChecked<float, double>(v, buffer);
            TensorPrimitives.Subtract(buffer, mean, buffer);
            TensorPrimitives.MultiplyAdd(buffer, buffer, scale, scale);
        }

        for (var k = 0; k < d; k++)
        {
            var sd = Math.Sqrt(scale[k] / Math.Max(1, n - 1));
            scale[k] = !standardize ? 1 : sd > 1e-12 ? 1 / sd : 0;
        }

        double[] Row(float[] v)
        {
            var r = new double[d];
            TensorPrimitives.ConvertChecked<float, double>(v, r);
            TensorPrimitives.Multiply(r, scale, r);
            return r;
        }

        if (n > rowSpanLimit)
        {
            // Centred over the features: the bias is not penalised, so shifting every row by the mean only moves the
            // bias (b' = b + w . mean) and leaves the optimum's w and scores unchanged, while removing the mean's
            // direction, which otherwise dominates the Hessian and slows the conjugate gradients several times over.
            double[] Centred(float[] v)
            {
                var r = new double[d];
                TensorPrimitives.ConvertChecked<float, double>(v, r);
                TensorPrimitives.Subtract(r, mean, r);
                TensorPrimitives.Multiply(r, scale, r);
                return r;
            }

            var (featureWeights, featureBias) = FitOverFeatures([.. vectors.Select(Centred)], labels, l2PerExample * n);
            return rows => rows.Select(v =>
            {
                var s = featureBias + Dot(featureWeights, Centred(v));
                return 1 / (1 + Math.Exp(-s));
            }).ToArray();
        }

        var x = vectors.Select(Row).ToArray();

        var gram = new double[n][];
        for (var i = 0; i < n; i++)
        {
            gram[i] = new double[n];
            for (var j = 0; j <= i; j++)
            {
                gram[i][j] = gram[j][i] = Dot(x[i], x[j]);
            }
        }

        var trace = Enumerable.Range(0, n).Sum(i => gram[i][i]);
        for (var i = 0; i < n; i++)
        {
            gram[i][i] += 1e-9 * (trace / n) + 1e-12;
        }

        var lower = Cholesky(gram);
        var columns = Transpose(lower); // columns[a][i] = L[i, a], zero above the diagonal
        var lambda = l2PerExample * n;

        // Newton on (v, b): minimise sum log(1 + exp(-y (L v + b))) + lambda / 2 |v|^2.
        var weights = new double[n + 1];
        var residual = new double[n];
        var curvature = new double[n];
        var weighted = new double[n];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            for (var i = 0; i < n; i++)
            {
                var z = weights[n] + Dot(lower[i].AsSpan(0, i + 1), weights.AsSpan(0, i + 1));
                var p = 1 / (1 + Math.Exp(-z));
                residual[i] = p - (labels[i] ? 1.0 : 0.0);
                curvature[i] = Math.Max(p * (1 - p), 1e-10);
            }

            // Gradient L^T r + lambda v and Hessian L^T C L + lambda I, bordered by the bias's row.
            var gradient = new double[n + 1];
            var hessian = new double[n + 1][];
            hessian[n] = new double[n + 1];
            for (var a = 0; a < n; a++)
            {
                gradient[a] = Dot(columns[a], residual) + (lambda * weights[a]);
                TensorPrimitives.Multiply(columns[a], curvature, weighted);
                hessian[a] = new double[n + 1];
                for (var b = 0; b <= a; b++)
                {
                    hessian[a][b] = Dot(weighted, columns[b]);
                }

                hessian[a][a] += lambda;
                hessian[n][a] = TensorPrimitives.Sum<double>(weighted);
            }

            gradient[n] = TensorPrimitives.Sum<double>(residual);
            hessian[n][n] = TensorPrimitives.Sum<double>(curvature) + 1e-9;

            // Only the lower triangle is filled: Cholesky reads nothing above the diagonal.
            var step = Solve(Cholesky(hessian), gradient);
            TensorPrimitives.Subtract(weights, step, weights);
            if (Converged(step))
            {
                break;
            }
        }

        var bias = weights[n];
        return rows => rows.Select(v =>
        {
            var row = Row(v);
            var kernel = x.Select(t => Dot(t, row)).ToArray();

            // z = L^-1 k, score = v . z + b.
            var z = ForwardSubstitute(lower, kernel);
            var s = bias + Dot(weights.AsSpan(0, n), z);
            return 1 / (1 + Math.Exp(-s));
        }).ToArray();
    }

    /// <summary>
    /// Newton's method over (w, b) on sum log(1 + exp(-y (w . x + b))) + lambda / 2 |w|^2, each step's system solved by
    /// conjugate gradients preconditioned by the Hessian's diagonal, loosely while far from the optimum and to 1e-10
    /// near it. Stops, as the row-span solver does, when no weight moves by 1e-8.
    /// </summary>
    private static (double[] Weights, double Bias) FitOverFeatures(double[][] x, IReadOnlyList<bool> labels, double lambda)
    {
        var n = x.Length;
        var d = x[0].Length;
        var weights = new double[d + 1]; // the bias last
        var curvature = new double[n];

        // The Hessian is applied through a float copy of X (half the memory traffic, twice the SIMD width): it only
        // steers each Newton step, while the gradient, which alone fixes the optimum, stays in double.
        var single = x.Select(row => row.Select(v => (float)v).ToArray()).ToArray();
        var gradient = new double[d + 1];
        var diagonal = new double[d + 1];
        var squares = new double[d];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var w = weights.AsSpan(0, d);
            Array.Clear(gradient);
            Array.Clear(diagonal);
            for (var i = 0; i < n; i++)
            {
                var z = weights[d] + TensorPrimitives.Dot<double>(x[i], w);
                var p = 1 / (1 + Math.Exp(-z));
                var r = p - (labels[i] ? 1.0 : 0.0);
                var c = curvature[i] = Math.Max(p * (1 - p), 1e-10);
                TensorPrimitives.MultiplyAdd(x[i], r, gradient.AsSpan(0, d), gradient.AsSpan(0, d));
                gradient[d] += r;
                TensorPrimitives.Multiply(x[i], x[i], squares);
                TensorPrimitives.MultiplyAdd(squares, c, diagonal.AsSpan(0, d), diagonal.AsSpan(0, d));
                diagonal[d] += c;
            }

            TensorPrimitives.MultiplyAdd(w, lambda, gradient.AsSpan(0, d), gradient.AsSpan(0, d));
            TensorPrimitives.Add(diagonal.AsSpan(0, d), lambda, diagonal.AsSpan(0, d));

            diagonal[d] += 1e-9;
            var norm = Math.Sqrt(TensorPrimitives.Dot<double>(gradient, gradient));
            if (norm == 0)
            {
                break;
            }

            // Inexact Newton: a loose solve far from the optimum, a tight one near it (quadratic convergence kept).
            var tolerance = Math.Max(1e-10, Math.Min(0.1, Math.Sqrt(norm))) * norm;
            var step = ConjugateGradient(single, curvature, lambda, diagonal, gradient, tolerance);
            TensorPrimitives.Subtract(weights, step, weights);
            if (Converged(step))
            {
                break;
            }
        }

        return (weights[..d], weights[d]);
    }

    /// <summary>Solves H s = g with H = [X^T C X + lambda I, X^T c; c^T X, sum c + 1e-9], never forming H.</summary>
    private static double[] ConjugateGradient(float[][] x, double[] curvature, double lambda, double[] diagonal, double[] g, double tolerance)
    {
        var n = x.Length;
        var d = x[0].Length;
        var directionSingle = new float[d];
        var productSingle = new float[d];
        var s = new double[d + 1];
        var residual = (double[])g.Clone();
        var preconditioned = new double[d + 1];
        TensorPrimitives.Divide(residual, diagonal, preconditioned);
        var direction = (double[])preconditioned.Clone();
        var product = new double[d + 1];
        var rz = TensorPrimitives.Dot<double>(residual, preconditioned);
        for (var iteration = 0; iteration < 4 * (d + 1); iteration++)
        {
            // product = H direction, through X direction and X^T (C X direction).
            Array.Clear(productSingle);
            var directionWeights = direction.AsSpan(0, d);
            TensorPrimitives.ConvertTruncating<double, float>(directionWeights, directionSingle);
            var bias = 0.0;
            for (var i = 0; i < n; i++)
            {
                var t = curvature[i] * (direction[d] + TensorPrimitives.Dot<float>(x[i], directionSingle));
                TensorPrimitives.MultiplyAdd(x[i], (float)t, productSingle, productSingle);
                bias += t;
            }

            TensorPrimitives.ConvertChecked<float, double>(productSingle, product.AsSpan(0, d));
            product[d] = bias;
            TensorPrimitives.MultiplyAdd(directionWeights, lambda, product.AsSpan(0, d), product.AsSpan(0, d));
            product[d] += 1e-9 * direction[d];
            var alpha = rz / TensorPrimitives.Dot<double>(direction, product);
            if (!double.IsFinite(alpha))
            {
                throw new InvalidOperationException($"The conjugate-gradient step of the logistic fit is {alpha}; the Hessian is not positive definite.");
            }

            TensorPrimitives.MultiplyAdd(direction, alpha, s, s);
            TensorPrimitives.MultiplyAdd(product, -alpha, residual, residual);
            if (Math.Sqrt(TensorPrimitives.Dot<double>(residual, residual)) <= tolerance)
            {
                break;
            }

            TensorPrimitives.Divide(residual, diagonal, preconditioned);
            var next = TensorPrimitives.Dot<double>(residual, preconditioned);
            TensorPrimitives.MultiplyAdd(direction, next / rz, preconditioned, direction);
            rz = next;
        }

        return s;
    }

    /// <summary>
    /// Whether no weight moved by 1e-8. A step that is not finite stops the fit with an error: the objective is strictly
    /// convex and the features finite, so it means a defect, and fifty more steps of NaN would only hide it.
    /// </summary>
    private static bool Converged(double[] step)
    {
        var largest = Math.Abs(TensorPrimitives.MaxMagnitude<double>(step)); // MaxMagnitude keeps the sign
        if (!double.IsFinite(largest))
        {
            throw new InvalidOperationException($"A Newton step of the logistic fit is {largest}; the fit diverged.");
        }

        return largest < 1e-8;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => TensorPrimitives.Dot(a, b);

    /// <summary>The lower Cholesky factor of a symmetric positive definite matrix (rows as arrays).</summary>
    private static double[][] Cholesky(double[][] a)
    {
        var n = a.Length;
        var l = new double[n][];
        for (var i = 0; i < n; i++)
        {
            l[i] = new double[n];
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i][j] - Dot(l[i].AsSpan(0, j), l[j].AsSpan(0, j));
                l[i][j] = i == j ? Math.Sqrt(Math.Max(sum, 1e-300)) : sum / l[j][j];
            }
        }

        return l;
    }

    private static double[][] Transpose(double[][] m)
    {
        var t = new double[m.Length][];
        for (var a = 0; a < m.Length; a++)
        {
            t[a] = new double[m.Length];
            for (var i = 0; i < m.Length; i++)
            {
                t[a][i] = m[i][a];
            }
        }

        return t;
    }

    /// <summary>Solves L z = b for a lower triangular L.</summary>
    private static double[] ForwardSubstitute(double[][] l, double[] b)
    {
        var z = new double[b.Length];
        for (var i = 0; i < b.Length; i++)
        {
            z[i] = (b[i] - Dot(l[i].AsSpan(0, i), z.AsSpan(0, i))) / l[i][i];
        }

        return z;
    }

    /// <summary>Solves L L^T x = b.</summary>
    private static double[] Solve(double[][] l, double[] b)
    {
        // Back substitution of L^T x = z by columns of L^T, which are L's rows: once x[i] is known, its share is taken
        // off every earlier entry with one vector multiply-add. No transposed copy, and O(n) scalar steps instead of O(n^2).
        var x = ForwardSubstitute(l, b);
        for (var i = x.Length - 1; i >= 0; i--)
        {
            x[i] /= l[i][i];
            TensorPrimitives.MultiplyAdd(l[i].AsSpan(0, i), -x[i], x.AsSpan(0, i), x.AsSpan(0, i));
        }

        return x;
    }
}
