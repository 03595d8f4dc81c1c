#!/usr/bin/env python3
"""Collects the runs of a cf-sfl comparison (holdout protocol, one trial per seed) into tables.

usage: collect.py RUNS_DIR EXPERIMENT_ID OUT_PREFIX
Writes
  OUT_PREFIX-results.csv       seed, name, value: every result of every run (input of CfSflPlot);
  OUT_PREFIX-summary.csv       label, T, metric, n, mean, sd, ci_low, ci_high: 95 % t interval over seeds;
  OUT_PREFIX-curves-seedS.csv  seed, curve, step, value: cf-sfl's training curves and mult-vae-150's
                               log-likelihood, first seed S only;
  OUT_PREFIX-table.md          the README's table and the paired differences to Mult-VAE per seed.
"""
import glob
import json
import math
import os
import sys

T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262}
# Liang et al.'s Recall@R divides the hits by min(R, |held-out items|): ranking-metrics' truncated-recall.
METRICS = [("truncated-recall@20", "Recall@20"), ("truncated-recall@50", "Recall@50"), ("ndcg@100", "NDCG@100")]

runs_dir, experiment, prefix = sys.argv[1:4]
runs = []
for path in sorted(glob.glob(os.path.join(runs_dir, experiment + "-*", "run.json"))):
    run = json.load(open(path))
    curves_path = os.path.join(os.path.dirname(path), "metrics.json")
    curves = json.load(open(curves_path)) if os.path.exists(curves_path) else {}
    runs.append((run["seed"], run, curves))
runs.sort(key=lambda r: r[0])
if not runs:
    sys.exit(f"no runs of {experiment} in {runs_dir}")

labels = []
for _, run, _ in runs:
    for name in run["metrics"]:
        label = name.split("/")[0]
        if name.endswith("/ndcg@100") and label not in labels:
            labels.append(label)


def steps_of(label):
    if label.startswith("cf-sfl-t"):
        return label[len("cf-sfl-t"):]
    return ""


def stats(values):
    n = len(values)
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else float("nan")
    half = T95.get(n - 1, 1.96) * sd / math.sqrt(n) if n > 1 else float("nan")
    return n, mean, sd, mean - half, mean + half


def values(label, metric):
    return [run["metrics"][f"{label}/{metric}"] for _, run, _ in runs if f"{label}/{metric}" in run["metrics"]]


with open(prefix + "-results.csv", "w") as out:
    out.write("seed,name,value\n")
    for seed, run, _ in runs:
        for name, value in sorted(run["metrics"].items()):
            out.write(f"{seed},{name},{value}\n")

with open(prefix + "-curves-seed%d.csv" % runs[0][0], "w") as out:
    out.write("seed,curve,step,value\n")
    seed, _, curves = runs[0]
    for name, points in sorted(curves.items()):
        if name.startswith("cf-sfl-t") and ("/joint/" in name or name.endswith("/nll")) or name == "mult-vae-150/nll":
            for step, value in points:
                out.write(f"{seed},{name},{int(step)},{value:.6g}\n")

with open(prefix + "-summary.csv", "w") as out:
    out.write("label,T,metric,n,mean,sd,ci_low,ci_high\n")
    for label in labels:
        for metric, _ in METRICS:
            v = values(label, metric)
            if v:
                out.write(f"{label},{steps_of(label)},{metric},%d,%.6f,%.6f,%.6f,%.6f\n" % stats(v))

with open(prefix + "-table.md", "w") as out:
    seeds = ", ".join(str(s) for s, _, _ in runs)
    out.write(f"{len(runs)} seeds ({seeds}); mean ± half-width of the 95 % Student-t interval over seeds "
              f"(t with {len(runs) - 1} degrees of freedom); status "
              f"{', '.join(sorted(set(r['status'] for _, r, _ in runs)))}\n\n")
    out.write("| recommender | " + " | ".join(m[1] for m in METRICS) + " |\n")
    out.write("|---" * (len(METRICS) + 1) + "|\n")
    for label in labels:
        cells = []
        for metric, _ in METRICS:
            v = values(label, metric)
            n, mean, sd, lo, hi = stats(v)
            cells.append(f"{mean:.4f} ± {(hi - lo) / 2:.4f}")
        out.write(f"| {label} | " + " | ".join(cells) + " |\n")
    out.write("\nPer seed NDCG@100:\n\n| recommender | " + " | ".join(f"seed {s}" for s, _, _ in runs) + " |\n")
    out.write("|---" * (len(runs) + 1) + "|\n")
    for label in labels:
        out.write(f"| {label} | " + " | ".join(f"{run['metrics'].get(label + '/ndcg@100', float('nan')):.4f}"
                                               for _, run, _ in runs) + " |\n")
    for base in ["mult-vae", "mult-vae-150"]:
        if base not in labels:
            continue
        out.write(f"\nPaired difference to {base} (same seed, same split), mean ± 95 % t half-width, and per "
                  "seed:\n\n| recommender | " + " | ".join(m[1] for m in METRICS) + " | NDCG@100 per seed |\n")
        out.write("|---" * (len(METRICS) + 2) + "|\n")
        for label in labels:
            if label == base:
                continue
            cells = []
            for metric, _ in METRICS:
                d = [run["metrics"][f"{label}/{metric}"] - run["metrics"][f"{base}/{metric}"] for _, run, _ in runs]
                n, mean, sd, lo, hi = stats(d)
                cells.append(f"{mean:+.4f} ± {(hi - lo) / 2:.4f}")
            per = " ".join(f"{run['metrics'][label + '/ndcg@100'] - run['metrics'][base + '/ndcg@100']:+.4f}"
                           for _, run, _ in runs)
            out.write(f"| {label} | " + " | ".join(cells) + f" | {per} |\n")
print(open(prefix + "-table.md").read())
