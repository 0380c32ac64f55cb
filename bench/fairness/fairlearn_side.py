"""fairlearn side of the benchmark: MetricFrame over sex × race with selection rate, TPR and FPR,
point estimates and bootstrap intervals (n_boot, ci_quantiles). Prints JSON with wall time and peak
RSS. Each n_boot is run in a fresh process (so peak RSS is per run).

  fairlearn_side.py <data.csv> <n_boot>      (n_boot 0 = point estimates only)
"""

import json
import resource
import sys
import time

import pandas as pd

from fairlearn.metrics import MetricFrame, false_positive_rate, selection_rate, true_positive_rate

path, n_boot = sys.argv[1], int(sys.argv[2])
t0 = time.perf_counter()
data = pd.read_csv(path, dtype={"sex": str, "race": str})
t1 = time.perf_counter()
# CPU time of the computation only (the machine may be shared, so wall time alone misleads).
cpu0 = (lambda u: u.ru_utime + u.ru_stime)(resource.getrusage(resource.RUSAGE_SELF))
metrics = {"selection_rate": selection_rate, "true_positive_rate": true_positive_rate, "false_positive_rate": false_positive_rate}
kwargs = {"n_boot": n_boot, "ci_quantiles": [0.025, 0.975], "random_state": 42} if n_boot > 0 else {}
mf = MetricFrame(
    metrics=metrics,
    y_true=data["y_true"].to_numpy(),
    y_pred=data["y_pred"].to_numpy(),
    sensitive_features=data[["sex", "race"]],
    **kwargs,
)
point = {
    "difference": {k: float(v) for k, v in mf.difference().items()},
    "ratio": {k: float(v) for k, v in mf.ratio().items()},
}
interval = None
if n_boot > 0:
    d, r = mf.difference_ci(), mf.ratio_ci()
    interval = {
        "difference": {k: [float(d[0][k]), float(d[1][k])] for k in metrics},
        "ratio": {k: [float(r[0][k]), float(r[1][k])] for k in metrics},
    }
t2 = time.perf_counter()
json.dump(
    {
        "side": "fairlearn",
        "rows": len(data),
        "nBoot": n_boot,
        "loadSeconds": t1 - t0,
        "computeSeconds": t2 - t1,
        "cpuSeconds": (lambda u: u.ru_utime + u.ru_stime)(resource.getrusage(resource.RUSAGE_SELF)) - cpu0,
        "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "point": point,
        "interval": interval,
    },
    sys.stdout,
)
