#!/usr/bin/env python3
"""Collects the runs of a simulator-accuracy experiment into tables and loss-curve CSVs.

usage: collect.py RUNS_DIR EXPERIMENT_ID OUT_PREFIX
Writes OUT_PREFIX-table.md (mean and sd over seeds; per-seed 95 % bootstrap intervals in the CSV),
OUT_PREFIX-results.csv (every result of every seed) and OUT_PREFIX-curves.csv (seed, curve, step, value).
"""
import glob
import json
import math
import os
import sys

runs_dir, experiment, prefix = sys.argv[1:4]
runs = []
for path in sorted(glob.glob(os.path.join(runs_dir, experiment + "-*", "run.json"))):
    run = json.load(open(path))
    curves = json.load(open(os.path.join(os.path.dirname(path), "metrics.json")))
    runs.append((run["seed"], run, curves))

with open(prefix + "-results.csv", "w") as out:
    out.write("seed,name,value\n")
    for seed, run, _ in runs:
        for name, value in sorted(run["metrics"].items()):
            out.write(f"{seed},{name},{value}\n")

with open(prefix + "-curves.csv", "w") as out:
    out.write("seed,curve,step,value\n")
    for seed, _, curves in runs:
        for name, points in curves.items():
            for step, value in points:
                out.write(f"{seed},{name},{int(step)},{value}\n")

labels = ["oracle", "sim-random", "sim-lr", "sim-gru", "sim-gan", "sim-gan-s", "recsimu", "popularity"]
metrics = ["auc", "f1", "accuracy", "map@40", "ndcg@40", "ope/mean_abs_error", "train_seconds"]


def stat(name):
    values = [run["metrics"][name] for _, run, _ in runs if name in run["metrics"]]
    if not values:
        return ""
    mean = sum(values) / len(values)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1)) if len(values) > 1 else 0.0
    return f"{mean:.4f} ± {sd:.4f}"


with open(prefix + "-table.md", "w") as out:
    out.write(f"{len(runs)} seeds ({', '.join(str(s) for s, _, _ in runs)}); mean ± sd over seeds; "
              f"status {', '.join(sorted(set(r['status'] for _, r, _ in runs)))}\n\n")
    out.write("| simulator | " + " | ".join(metrics) + " |\n")
    out.write("|---" * (len(metrics) + 1) + "|\n")
    for label in labels:
        cells = [stat(f"{label}/{m}") for m in metrics]
        if any(cells):
            out.write(f"| {label} | " + " | ".join(cells) + " |\n")
    out.write("\nOff-policy check (reward = positive rate; SNIPS on held-out logs vs each simulator's estimate):\n\n")
    policies = sorted({n.split("/")[1] for _, r, _ in runs for n in r["metrics"] if n.startswith("ope/pop")})
    out.write("| policy | IPS | SNIPS | " + " | ".join(l for l in labels[1:7]) + " |\n")
    out.write("|---" * (3 + 6) + "|\n")
    for p in policies:
        cells = [stat(f"ope/{p}/ips"), stat(f"ope/{p}/snips")] + [stat(f"{l}/ope/{p}/estimate") for l in labels[1:7]]
        out.write(f"| {p} | " + " | ".join(cells) + " |\n")
    out.write(f"\nMean logged reward of the test tuples: {stat('ope/logged/reward')}\n")
print(open(prefix + "-table.md").read())
