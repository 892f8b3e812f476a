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
        var n = vectors.Count;
        var d = vectors[0].Length;
        var mean = new double[d];
        var scale = new double[d];
        foreach (var v in vectors)
        {
            for (var k = 0; k < d; k++)
            {
                mean[k] += v[k];
            }
        }

        for (var k = 0; k < d; k++)
        {
            mean[k] /= n;
        }

        foreach (var v in vectors)
        {
            for (var k = 0; k < d; k++)
            {
                scale[k] += (v[k] - mean[k]) * (v[k] - mean[k]);
            }
        }

        for (var k = 0; k < d; k++)
        {
            var sd = Math.Sqrt(scale[k] / Math.Max(1, n - 1));
            scale[k] = !standardize ? 1 : sd > 1e-12 ? 1 / sd : 0;
        }

        double[] Row(float[] v)
        {
            var r = new double[d];
            for (var k = 0; k < d; k++)
            {
                r[k] = v[k] * scale[k];
            }

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
                for (var k = 0; k < d; k++)
                {
                    r[k] = (v[k] - mean[k]) * scale[k];
                }

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

        var gram = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                gram[i, j] = gram[j, i] = Dot(x[i], x[j]);
            }
        }

        var trace = Enumerable.Range(0, n).Sum(i => gram[i, i]);
        for (var i = 0; i < n; i++)
        {
            gram[i, i] += 1e-9 * (trace / n) + 1e-12;
        }

        var lower = Cholesky(gram, n);
        var lambda = l2PerExample * n;

        // Newton on (v, b): minimise sum log(1 + exp(-y (L v + b))) + lambda / 2 |v|^2.
        var weights = new double[n + 1];
        var y = labels.Select(l => l ? 1.0 : 0.0).ToArray();
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[n + 1];
            var hessian = new double[n + 1, n + 1];
            for (var i = 0; i < n; i++)
            {
                var z = weights[n];
                for (var k = 0; k <= i; k++)
                {
                    z += lower[i, k] * weights[k];
                }

                var p = 1 / (1 + Math.Exp(-z));
                var r = p - y[i];
                var w = Math.Max(p * (1 - p), 1e-10);
                for (var a = 0; a <= i; a++)
                {
                    gradient[a] += r * lower[i, a];
                    for (var b = 0; b <= a; b++)
                    {
                        hessian[a, b] += w * lower[i, a] * lower[i, b];
                    }

                    hessian[n, a] += w * lower[i, a];
                }

                gradient[n] += r;
                hessian[n, n] += w;
            }

            for (var a = 0; a < n; a++)
            {
                gradient[a] += lambda * weights[a];
                hessian[a, a] += lambda;
            }

            hessian[n, n] += 1e-9;
            for (var a = 0; a <= n; a++)
            {
                for (var b = 0; b < a; b++)
                {
                    hessian[b, a] = hessian[a, b];
                }
            }

            var step = Solve(Cholesky(hessian, n + 1), gradient, n + 1);
            var change = 0.0;
            for (var a = 0; a <= n; a++)
            {
                weights[a] -= step[a];
                change = Math.Max(change, Math.Abs(step[a]));
            }

            if (change < 1e-8)
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
            var z = ForwardSubstitute(lower, kernel, n);
            var s = bias;
            for (var a = 0; a < n; a++)
            {
                s += weights[a] * z[a];
            }

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
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var w = weights.AsSpan(0, d);
            Array.Clear(gradient);
            Array.Clear(diagonal);
            for (var i = 0; i < n; i++)
            {
                var z = weights[d] + System.Numerics.Tensors.TensorPrimitives.Dot<double>(x[i], w);
                var p = 1 / (1 + Math.Exp(-z));
                var r = p - (labels[i] ? 1.0 : 0.0);
                var c = curvature[i] = Math.Max(p * (1 - p), 1e-10);
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(x[i], r, gradient.AsSpan(0, d), gradient.AsSpan(0, d));
                gradient[d] += r;
                for (var k = 0; k < d; k++)
                {
                    diagonal[k] += c * x[i][k] * x[i][k];
                }

                diagonal[d] += c;
            }

            for (var k = 0; k < d; k++)
            {
                gradient[k] += lambda * weights[k];
                diagonal[k] += lambda;
            }

            diagonal[d] += 1e-9;
            var norm = Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot<double>(gradient, gradient));
            if (norm == 0)
            {
                break;
            }

            // Inexact Newton: a loose solve far from the optimum, a tight one near it (quadratic convergence kept).
            var tolerance = Math.Max(1e-10, Math.Min(0.1, Math.Sqrt(norm))) * norm;
            var step = ConjugateGradient(single, curvature, lambda, diagonal, gradient, tolerance);
            var change = 0.0;
            for (var k = 0; k <= d; k++)
            {
                weights[k] -= step[k];
                change = Math.Max(change, Math.Abs(step[k]));
            }

            if (change < 1e-8)
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
        System.Numerics.Tensors.TensorPrimitives.Divide(residual, diagonal, preconditioned);
        var direction = (double[])preconditioned.Clone();
        var product = new double[d + 1];
        var rz = System.Numerics.Tensors.TensorPrimitives.Dot<double>(residual, preconditioned);
        for (var iteration = 0; iteration < 4 * (d + 1); iteration++)
        {
            // product = H direction, through X direction and X^T (C X direction).
            Array.Clear(productSingle);
            var directionWeights = direction.AsSpan(0, d);
            System.Numerics.Tensors.TensorPrimitives.ConvertTruncating<double, float>(directionWeights, directionSingle);
            var bias = 0.0;
            for (var i = 0; i < n; i++)
            {
                var t = curvature[i] * (direction[d] + System.Numerics.Tensors.TensorPrimitives.Dot<float>(x[i], directionSingle));
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(x[i], (float)t, productSingle, productSingle);
                bias += t;
            }

            System.Numerics.Tensors.TensorPrimitives.ConvertChecked<float, double>(productSingle, product.AsSpan(0, d));
            product[d] = bias;
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(directionWeights, lambda, product.AsSpan(0, d), product.AsSpan(0, d));
            product[d] += 1e-9 * direction[d];
            var alpha = rz / System.Numerics.Tensors.TensorPrimitives.Dot<double>(direction, product);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(direction, alpha, s, s);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(product, -alpha, residual, residual);
            if (Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot<double>(residual, residual)) <= tolerance)
            {
                break;
            }

            System.Numerics.Tensors.TensorPrimitives.Divide(residual, diagonal, preconditioned);
            var next = System.Numerics.Tensors.TensorPrimitives.Dot<double>(residual, preconditioned);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(direction, next / rz, preconditioned, direction);
            rz = next;
        }

        return s;
    }

    private static double Dot(double[] a, double[] b) => System.Numerics.Tensors.TensorPrimitives.Dot<double>(a, b);

    private static double[,] Cholesky(double[,] a, int n)
    {
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }

                l[i, j] = i == j ? Math.Sqrt(Math.Max(sum, 1e-300)) : sum / l[j, j];
            }
        }

        return l;
    }

    private static double[] ForwardSubstitute(double[,] l, double[] b, int n)
    {
        var z = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= l[i, k] * z[k];
            }

            z[i] = sum / l[i, i];
        }

        return z;
    }

    private static double[] Solve(double[,] l, double[] b, int n)
    {
        var z = ForwardSubstitute(l, b, n);
        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = z[i];
            for (var k = i + 1; k < n; k++)
            {
                sum -= l[k, i] * x[k];
            }

            x[i] = sum / l[i, i];
        }

        return x;
    }
}
