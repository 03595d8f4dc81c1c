#!/usr/bin/env bash
# Runs trial.json on a server started from the repository root (./surrogate serve) and prints the
# results; seeds 1..5 too, for the spread. Usage: docs/results/ml100k-baselines/run.sh [server URL]
# The API token: $SURROGATE_TOKEN, else the server's data/secrets/cli-token.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
url="${1:-http://127.0.0.1:8080}"
token="${SURROGATE_TOKEN:-$(cat "$here/../../../data/secrets/cli-token")}"
auth="Authorization: Bearer $token"
for seed in 42 1 2 3 4 5; do
    body="$(sed "s/\"seed\": 42/\"seed\": $seed/" "$here/trial.json")"
    id="$(curl -sf -X POST "$url/api/v1/trials" -H "$auth" -H 'Content-Type: application/json' -d "$body" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
    curl -sf -H "$auth" "$url/api/v1/trials/$id?wait=300" | python3 -c '
import json, sys
r = json.load(sys.stdin)
if r["status"] != "SUCCEEDED":
    sys.exit("trial " + r["id"] + " " + r["status"] + ": " + r["message"])
res = r["results"]
for rec in ("random", "popularity", "item-cosine", "item-knn", "user-knn", "ease", "als", "bpr"):
    print("'"$seed"'", rec, " ".join("%s=%.4f" % (m, res[rec + "/" + m]) for m in ("ndcg@10", "recall@20", "precision@10")))
'
done
