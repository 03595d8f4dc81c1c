#!/usr/bin/env bash
# Host benchmark: server cold start to ready (a real `serve` process, fresh and existing data
# folder), then the in-process figures of HostBenchmark (install latency, update latency while 8
# trials run, side by side with a naive in-place update). Run by `./surrogate bench host`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="$ROOT/web-console/target/surrogate"
ROUNDS="${ROUNDS:-5}"
cd "$ROOT"

echo "== server start to ready (java -cp lib/* Main serve --port 0), $ROUNDS rounds each"
start_once() { # $1 = data dir; prints milliseconds from process start to the ready line
    local t0 t1 fifo pid line
    fifo="$(mktemp -u)"; mkfifo "$fifo"
    t0=$(date +%s%N)
    java -Dsurrogate.home="$DIST" -cp "$DIST/lib/*" org.surrogate.console.Main serve --port 0 --data "$1" \
        >"$fifo" 2>/dev/null &
    pid=$!
    read -r line <"$fifo"
    t1=$(date +%s%N)
    kill "$pid"; wait "$pid" 2>/dev/null || true
    rm -f "$fifo"
    case "$line" in "Surrogate ready on"*) ;; *) echo "unexpected first line: $line" >&2; exit 1 ;; esac
    echo $(( (t1 - t0) / 1000000 ))
}
fresh=(); warm=()
data="$(mktemp -d)"
for i in $(seq "$ROUNDS"); do
    d="$(mktemp -d)"; fresh+=("$(start_once "$d")"); rm -rf "$d"
    warm+=("$(start_once "$data")")
done
rm -rf "$data"
summary() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "median %d ms (min %d, max %d, n=%d)\n", a[int((NR+1)/2)], a[1], a[NR], NR}'; }
echo "fresh data folder (installs the 5 built-in bundles): $(summary "${fresh[@]}")"
echo "existing data folder (restart):                       $(summary "${warm[@]}")"

echo "== in-process host figures"
(cd framework && mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test.cp \
    -Dmdep.includeScope=test >/dev/null 2>&1)
java -cp "framework/target/test-classes:framework/target/classes:$(cat framework/target/test.cp)" \
    org.surrogate.framework.impl.HostBenchmark framework/target/system-bundles "$ROUNDS" 2>/dev/null
