#!/usr/bin/env bash
# REST load benchmark (issue 7): starts the assembled server on a free port with a fresh data folder,
# fills the results index with a first experiment, then runs LoadBench: CLIENTS concurrent API
# clients search the results and poll the queue and an experiment for SECONDS while the second
# experiment's trials run. Each client waits THINK_MS between requests.
# Run by `./surrogate bench load [clients] [seconds] [think_ms]`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIST="${SURROGATE_DIST:-$ROOT/web-console/target/surrogate}"
CLIENTS="${1:-50}"
SECONDS_="${2:-60}"
THINK_MS="${3:-200}"
HERE="$ROOT/benchmarks/load"

data="$(mktemp -d)"
fifo="$(mktemp -u)"; mkfifo "$fifo"
java ${SURROGATE_JAVA_OPTS:-} -Dsurrogate.home="$DIST" -cp "$DIST/lib/*" org.surrogate.console.Main \
    serve --port 0 --data "$data" --no-demo >"$fifo" 2>"$data/server.log" &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data" "$fifo"; }
trap cleanup EXIT
exec 3<"$fifo"
line=""
while read -r line <&3; do # JVM options such as a flight recording may print lines first
    case "$line" in "Surrogate ready on"*) break ;; esac
done
case "$line" in "Surrogate ready on"*) ;; *) echo "server did not start" >&2; cat "$data/server.log" >&2; exit 1 ;; esac
url="$(awk '{print $4}' <<<"$line")"
echo "$line"
token="$data/secrets/cli-token"

# A first experiment fills the index, so searches have hits to rank and facet.
id="$(curl -sf -X POST -H "Authorization: Bearer $(cat "$token")" -H 'Content-Type: application/yaml' \
    --data-binary @"$HERE/warmup.yaml" "$url/api/v1/experiments?name=warmup.yaml" | sed -E 's/.*"id":"([^"]+)".*/\1/')"
echo "warm-up experiment $id: waiting for its 24 trials"
for _ in $(seq 600); do
    body="$(curl -sf -H "Authorization: Bearer $(cat "$token")" "$url/api/v1/experiments/$id")"
    case "$body" in *'"state":"FINISHED"'*|*'"state":"CANCELLED"'*) break ;; esac
    sleep 1
done
runs="$(curl -sf -H "Authorization: Bearer $(cat "$token")" "$url/api/v1/runs?limit=0" | sed -E 's/.*"total":([0-9]+).*/\1/')"
echo "runs in the index: $runs"

java "$HERE/LoadBench.java" "$url" "$token" "$HERE/load.yaml" "$CLIENTS" "$SECONDS_" "$THINK_MS"
