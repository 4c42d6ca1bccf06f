#!/usr/bin/env python3
"""Reference values for GrangerTestTest: statsmodels' grangercausalitytests (ssr F-test) on two
fixed series. Run with Debian's python3-statsmodels: /usr/bin/python3 granger_reference.py
It prints the series and, per lag, F, p-value, df_denom, df_num; the test copies them."""
import numpy as np
import statsmodels
from statsmodels.tsa.stattools import grangercausalitytests

n = 60
# deterministic, no RNG: x is a mix of incommensurate sines; y follows x with a lag of 2 plus its
# own noise-like term
t = np.arange(n, dtype=float)
x = np.sin(0.7 * t) + 0.5 * np.sin(1.9 * t + 0.3) + 0.25 * np.cos(3.1 * t)
e = 0.4 * np.sin(2.3 * t + 1.1) + 0.3 * np.cos(0.37 * t * t)
y = np.zeros(n)
for i in range(n):
    y[i] = (0.3 * y[i - 1] if i >= 1 else 0) + (0.8 * x[i - 2] if i >= 2 else 0) + e[i]
z = 0.6 * np.sin(1.3 * t + 0.5) + 0.4 * np.cos(0.23 * t * t + 0.2)  # unrelated to x

print("statsmodels", statsmodels.__version__)
print("x =", ", ".join(repr(round(v, 12)) for v in x))
print("y =", ", ".join(repr(round(v, 12)) for v in y))
print("z =", ", ".join(repr(round(v, 12)) for v in z))
for name, effect in (("x->y", y), ("x->z", z)):
    # column 0 is the effect, column 1 the candidate cause
    res = grangercausalitytests(
        np.column_stack([np.round(effect, 12), np.round(x, 12)]), maxlag=4, verbose=False)
    for lag in range(1, 5):
        f, p, df_denom, df_num = res[lag][0]["ssr_ftest"]
        print(f"{name} lag {lag}: F={f!r} p={p!r} df_denom={df_denom} df_num={df_num}")

# Benjamini-Hochberg on fixed p-values (the adjusted values BenjaminiHochbergTest expects)
from statsmodels.stats.multitest import multipletests
ps = [0.01, 0.04, 0.03, 0.20, 0.005, 0.5]
reject, q, _, _ = multipletests(ps, alpha=0.05, method="fdr_bh")
print("bh p =", ps)
print("bh q =", [repr(v) for v in q])
print("bh reject at 0.05 =", list(reject))

# lag choice: AIC = n ln(SSR/n) + 2k of the unrestricted OLS (k = 2p + 1), every order on the same
# last T - maxlag observations (the rule GrangerTest.selectingLag follows)
import statsmodels.api as sm
for name, effect in (("x->y", y), ("x->z", z)):
    xe, ye, maxlag = np.round(x, 12), np.round(effect, 12), 4
    aics = []
    for p in range(1, maxlag + 1):
        rows = range(maxlag, n)
        X = [[ye[t - k] for k in range(1, p + 1)] + [xe[t - k] for k in range(1, p + 1)] for t in rows]
        fit = sm.OLS([ye[t] for t in rows], sm.add_constant(np.array(X))).fit()
        m = len(rows)
        aics.append(m * np.log(fit.ssr / m) + 2 * (2 * p + 1))
    print(f"{name} aic by lag 1..4 = {[repr(a) for a in aics]} chosen lag = {int(np.argmin(aics)) + 1}")
