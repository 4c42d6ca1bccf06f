#!/usr/bin/python3
"""Reference values for RelativeRotationTest: the JdK approximation computed independently with numpy.

RS-Ratio    = 100 + z-score of the ratio against its trailing n windows (this one included)
ROC         = 100 * (RS-Ratio_t / RS-Ratio_{t-1} - 1)
RS-Momentum = 100 + z-score of ROC against its trailing m windows (this one included)
z-scores use the sample standard deviation (ddof=1).

Run: /usr/bin/python3 rrg_reference.py > rrg_reference.out
"""
import numpy as np

# closes of an asset and of its benchmark over 14 windows (weekly closes, illustrative)
asset = np.array([100.0, 102.0, 101.0, 99.0, 96.0, 94.0, 95.0, 98.0, 103.0, 107.0, 108.0, 106.0, 102.0, 99.0])
bench = np.array([50.0, 50.5, 51.0, 50.0, 49.5, 50.0, 50.5, 51.0, 51.5, 52.0, 52.5, 53.0, 53.0, 52.5])
n, m = 5, 4


def rolling_z(x, w):
    out = np.full(len(x), np.nan)
    for i in range(len(x)):
        win = x[i - w + 1:i + 1]
        if i - w + 1 < 0 or np.isnan(win).any():
            continue
        sd = win.std(ddof=1)
        out[i] = 0.0 if sd == 0 else (x[i] - win.mean()) / sd
    return out


ratio = asset / bench
rs_ratio = 100 + rolling_z(ratio, n)
roc = 100 * (rs_ratio[1:] / rs_ratio[:-1] - 1)
roc = np.concatenate([[np.nan], roc])
rs_momentum = 100 + rolling_z(roc, m)


def quadrant(x, y):
    if x >= 100:
        return "LEADING" if y >= 100 else "WEAKENING"
    return "IMPROVING" if y >= 100 else "LAGGING"


print("n=%d m=%d" % (n, m))
print("index ratio rs_ratio rs_momentum quadrant")
for i in range(len(ratio)):
    if np.isnan(rs_momentum[i]):
        continue
    print("%d %.12f %.12f %.12f %s" % (i, ratio[i], rs_ratio[i], rs_momentum[i], quadrant(rs_ratio[i], rs_momentum[i])))
