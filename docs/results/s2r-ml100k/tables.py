#!/usr/bin/env python3
"""Markdown tables from sim-to-real run directories: python3 tables.py RUN_DIR... > tables.md

Per run (one genre pair or gap sweep, one seed): every agent's reward per step, Precision@32,
Recall@32 and F1@32 with the 95% bootstrap CI over test users (artifacts/sim-to-real.csv); then,
per pair, the mean over seeds with the spread (min..max) of the per-seed means."""
import csv, json, os, sys
from collections import defaultdict

rows = defaultdict(dict)      # (pair, seed, setting) -> agent -> metric -> (mean, lo, hi, n)
order = []
for run in sys.argv[1:]:
    meta = json.load(open(os.path.join(run, "run.json")))
    pair = meta["params"].get("s2r-genre-split.pair") or "gap world"
    for r in csv.DictReader(open(os.path.join(run, "artifacts", "sim-to-real.csv"))):
        key = (pair, meta["seed"], r["setting"])
        if r["agent"] not in order:
            order.append(r["agent"])
        rows[key].setdefault(r["agent"], {})[r["metric"]] = tuple(float(r[x]) for x in ("mean", "lower", "upper")) + (int(r["n"]),)

def cell(v):
    return "%.4f [%.4f, %.4f]" % v[:3]

for key in sorted(rows):
    pair, seed, setting = key
    metrics = [m for m in next(iter(rows[key].values())).keys()]
    n = next(iter(rows[key].values()))["reward"][3]
    print("### %s%s, seed %s (%d test users)\n" % (pair, (" " + setting) if setting else "", seed, n))
    print("| agent | " + " | ".join(metrics) + " |")
    print("|---|" + "---|" * len(metrics))
    for a in order:
        if a in rows[key]:
            print("| %s | %s |" % (a, " | ".join(cell(rows[key][a][m]) for m in metrics)))
    print()

pairs = sorted({(p, s) for p, _, s in rows})
for pair, setting in pairs:
    seeds = sorted(k[1] for k in rows if k[0] == pair and k[2] == setting)
    if len(seeds) < 2:
        continue
    print("### %s%s: mean over seeds %s (min..max of the per-seed means)\n" % (pair, (" " + setting) if setting else "", seeds))
    metrics = list(next(iter(rows[(pair, seeds[0], setting)].values())).keys())
    print("| agent | " + " | ".join(metrics) + " |")
    print("|---|" + "---|" * len(metrics))
    for a in order:
        vals = [[rows[(pair, s, setting)][a][m][0] for s in seeds] for m in metrics]
        print("| %s | %s |" % (a, " | ".join("%.4f (%.4f..%.4f)" % (sum(v) / len(v), min(v), max(v)) for v in vals)))
    print()
