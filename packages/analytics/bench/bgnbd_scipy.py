"""Baseline for bench/analytics.bench.ts: the same BG/NBD log-likelihood (Fader, Hardie & Lee 2005,
eq. 6) maximised with scipy's Nelder-Mead over log-parameters, on the same per-customer summary.
Reads {"x": [...], "tx": [...], "T": [...], "start": [r, alpha, a, b]} on stdin, prints one JSON line."""
import json
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln

data = json.load(sys.stdin)
x = np.asarray(data["x"], dtype=float)
tx = np.asarray(data["tx"], dtype=float)
T = np.asarray(data["T"], dtype=float)
start = np.log(np.asarray(data["start"], dtype=float))


def negative_log_likelihood(log_params):
    r, alpha, a, b = np.exp(log_params)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore"):
        a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return -np.sum(a1 + a2 + np.logaddexp(a3, a4))


began = time.perf_counter()
result = minimize(negative_log_likelihood, start, method="Nelder-Mead",
                  options={"xatol": 1e-8, "fatol": 1e-8, "maxiter": 20000, "maxfev": 40000})
elapsed = time.perf_counter() - began
r, alpha, a, b = np.exp(result.x)
print(json.dumps({"r": r, "alpha": alpha, "a": a, "b": b, "ll": -result.fun, "ms": elapsed * 1000,
                  "evaluations": int(result.nfev), "success": bool(result.success)}))
