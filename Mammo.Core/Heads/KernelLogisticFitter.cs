namespace Mammo.Heads;

/// <summary>
/// L2-regularised logistic regression solved exactly in the span of the training rows: the same objective as the ML.NET
/// head (features scaled to unit variance, loss summed over rows plus c x rows / 2 |w|^2, bias not penalised), in
/// milliseconds when rows are far fewer than features, as in a head search on a small dataset.
/// </summary>
/// <remarks>
/// The penalised solution lies in the span of the (scaled) training rows X, so with G = X X^T = L L^T (Cholesky) the
/// problem becomes a logistic regression on the n x n matrix L with plain L2 on its n weights; Newton's method then
/// converges in a few steps. A new row x is scored through L^-1 X x. Rows are scaled, not centred (as ML.NET's
/// NormalizeMeanVariance does by default; the unpenalised bias absorbs any shift, and a centred Gram matrix would be singular).
/// </remarks>
internal sealed class KernelLogisticFitter(bool standardize = true) : IHeadFitter
{
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
