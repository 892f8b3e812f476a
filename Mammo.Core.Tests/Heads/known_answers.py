"""Independent known answers for PlattScalingKnownAnswerTests and KernelLogisticFitterKnownAnswerTests.

Plain Python (no Mammo code): Newton's method on the stated objectives, run until the step is below 1e-15.
Run: python3 known_answers.py
"""
import math


def logit(p):
    p = min(max(p, 1e-7), 1 - 1e-7)
    return math.log(p / (1 - p))


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


def platt(ps, labels):
    """Platt's fit: targets (P+1)/(P+2) and 1/(N+2), log-loss in (A, B) on x = logit(p)."""
    positives = sum(labels)
    negatives = len(labels) - positives
    x = [logit(p) for p in ps]
    t = [(positives + 1) / (positives + 2) if l else 1 / (negatives + 2) for l in labels]
    a, b = 0.0, logit((positives + 1) / (len(labels) + 2))
    for _ in range(200):
        ga = gb = haa = hab = hbb = 0.0
        for xi, ti in zip(x, t):
            p = sigmoid(a * xi + b)
            w = p * (1 - p)
            ga += (p - ti) * xi
            gb += p - ti
            haa += w * xi * xi
            hab += w * xi
            hbb += w
        det = haa * hbb - hab * hab
        da = (hbb * ga - hab * gb) / det
        db = (haa * gb - hab * ga) / det
        a, b = a - da, b - db
        if abs(da) + abs(db) < 1e-15:
            break
    return a, b


def logistic_1d(x, y, lam):
    """Minimises sum log(1 + exp(-s (w x + b))) + lam / 2 w^2 (bias not penalised)."""
    w = b = 0.0
    for _ in range(100):
        gw = gb = hww = hwb = hbb = 0.0
        for xi, yi in zip(x, y):
            p = sigmoid(w * xi + b)
            c = p * (1 - p)
            gw += (p - yi) * xi
            gb += p - yi
            hww += c * xi * xi
            hwb += c * xi
            hbb += c
        gw += lam * w
        hww += lam
        det = hww * hbb - hwb * hwb
        dw = (hbb * gw - hwb * gb) / det
        db = (hww * gb - hwb * gw) / det
        w, b = w - dw, b - db
        if abs(dw) + abs(db) < 1e-15:
            break
    return w, b


print("platt six", platt([0.2, 0.4, 0.55, 0.6, 0.7, 0.9], [0, 0, 1, 0, 1, 1]))
print("platt saturated", platt([1e-9, 1e-9, 1 - 1e-9, 1 - 1e-9, 0.5], [0, 0, 1, 1, 0]))

x, y, l2 = [0.0, 1.0, 2.0, 3.0], [0, 1, 0, 1], 0.25
n = len(x)
mean = sum(x) / n
sd = math.sqrt(sum((v - mean) ** 2 for v in x) / (n - 1))  # sample standard deviation
w, b = logistic_1d([v / sd for v in x], y, l2 * n)
print("standardised", [sigmoid(w * v / sd + b) for v in (0.0, 3.0, 5.0)])
w, b = logistic_1d(x, y, l2 * n)
print("unscaled", [sigmoid(w * v + b) for v in (0.0, 3.0, 5.0)])
