namespace Mammo.Heads;

/// <summary>
/// Platt scaling: p = 1 / (1 + exp(-(A x + B))) with x the logit of the head's raw probability, fitted by Newton's
/// method on held-out scores (with Platt's target smoothing, so a separable fold does not send A to infinity).
/// </summary>
internal readonly record struct PlattScaling(double A, double B)
{
    /// <summary>The identity: the raw probability unchanged.</summary>
    public static PlattScaling Identity => new(1, 0);

    public static PlattScaling Fit(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return Identity;
        }

        var x = probabilities.Select(Logit).ToArray();
        var high = (positives + 1.0) / (positives + 2.0);
        var low = 1.0 / (negatives + 2.0);
        var t = labels.Select(l => l ? high : low).ToArray();

        // Newton's method with a backtracking line search (saturated raw scores make plain Newton overshoot), from A = 0:
        // the base rate, a point where the Hessian is well conditioned.
        double a = 0, b = Logit((positives + 1.0) / (labels.Count + 2.0));
        var loss = Loss(x, t, a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
            for (var i = 0; i < x.Length; i++)
            {
                var p = Sigmoid((a * x[i]) + b);
                var r = p - t[i];
                var w = p * (1 - p);
                ga += r * x[i];
                gb += r;
                haa += w * x[i] * x[i];
                hab += w * x[i];
                hbb += w;
            }

            var det = (haa * hbb) - (hab * hab);
            if (!(det > 1e-300))
            {
                break;
            }

            var da = ((hbb * ga) - (hab * gb)) / det;
            var db = ((haa * gb) - (hab * ga)) / det;
            var step = 1.0;
            var improved = false;
            while (step > 1e-8)
            {
                var candidate = Loss(x, t, a - (step * da), b - (step * db));
                if (candidate <= loss)
                {
                    (a, b, loss, improved) = (a - (step * da), b - (step * db), candidate, true);
                    break;
                }

                step /= 2;
            }

            if (!improved || (Math.Abs(step * da) + Math.Abs(step * db)) < 1e-10)
            {
                break;
            }
        }

        // A calibration must never reverse the ranking: a held-out set whose scores run the wrong way gives the identity.
        return double.IsFinite(a) && double.IsFinite(b) && a > 0 ? new PlattScaling(a, b) : Identity;
    }

    public double Apply(double probability) => Sigmoid((A * Logit(probability)) + B);

    private static double Logit(double p)
    {
        p = Math.Clamp(p, 1e-7, 1 - 1e-7);
        return Math.Log(p / (1 - p));
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double Loss(double[] x, double[] t, double a, double b)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var z = (a * x[i]) + b;

            // log(1 + e^z) - t z, computed without overflow.
            sum += (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - (t[i] * z);
        }

        return sum;
    }
}
