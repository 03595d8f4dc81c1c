#!/usr/bin/env bash
# Mult-VAE, Java (Surrogate's 'mult-vae': hand-written ND4J pass; ENGINE=samediff for its SameDiff graph) side by side with PyTorch, on MovieLens-100K
# under the strong generalization protocol: same split, network, batch size and thread count.
# Prints each epoch, both RESULT lines and the ratio of the median epoch times Java / PyTorch.
#   EPOCHS (default 20), THREADS (2), ROUNDS (1: Java then PyTorch, repeated), DATA (u.data path),
#   ENGINE (direct: the hand-written pass the plugin trains with; samediff: the SameDiff graph, for comparison).
# Needs Debian's python3-torch and libopenblas0-pthread (apt-get install -y python3-torch
# libopenblas0-pthread); without them only the Java side runs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/benchmarks/multvae"
MODULE="$ROOT/bundles/autoencoders"
EPOCHS="${EPOCHS:-20}"
THREADS="${THREADS:-2}"
ROUNDS="${ROUNDS:-1}"
ENGINE="${ENGINE:-direct}"
DATA="${DATA:-/work/shared/datasets/ml-100k/u.data}"
if [ ! -f "$DATA" ]; then
    echo "MovieLens-100K not found at $DATA; Mult-VAE benchmark skipped"
    exit 0
fi
# One thread count for everything: OpenMP (libnd4j, PyTorch), OpenBLAS (both), MKL if present.
export OMP_NUM_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS" MKL_NUM_THREADS="$THREADS"

(cd "$MODULE" && mvn -q -o -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
    -Dmdep.includeScope=test >/dev/null)
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench.cp")"
SPLIT="$(mktemp -d)"
LOGS="$(mktemp -d)"
trap 'rm -rf "$SPLIT" "$LOGS"' EXIT

have_torch=1
/usr/bin/python3 -c 'import torch' 2>/dev/null || have_torch=0
for round in $(seq "$ROUNDS"); do
    echo "== round $round: Java ($ENGINE), $EPOCHS epochs, $THREADS threads"
    java -Xmx4g -cp "$CP" org.surrogate.bundles.autoencoders.MultVaeBenchmark data="$DATA" epochs="$EPOCHS" \
        threads="$THREADS" engine="$ENGINE" out="$SPLIT" 2> >(grep --line-buffered -v -E 'SLF4J|Added differentiated op' >&2) \
        | grep --line-buffered -v 'Added differentiated op' | tee -a "$LOGS/java.log"
    if [ "$have_torch" = 1 ]; then
        echo "== round $round: PyTorch, $EPOCHS epochs, $THREADS threads"
        /usr/bin/python3 "$HERE/multvae_torch.py" "$SPLIT" --epochs "$EPOCHS" --threads "$THREADS" \
            | tee -a "$LOGS/torch.log"
    else
        echo "== PyTorch side skipped: /usr/bin/python3 cannot import torch (apt-get install -y python3-torch libopenblas0-pthread)"
    fi
done

field() { # $1 = log, $2 = key: the values of key=... on RESULT lines, one per line
    grep '^RESULT' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "== summary ($ROUNDS round(s), median epoch time excludes each run's first epoch)"
java_s="$(field "$LOGS/java.log" median_epoch_s | median)"  # median over rounds of each run's median
echo "java  median epoch ${java_s} s, NDCG@100 $(field "$LOGS/java.log" ndcg100 | tr '\n' ' ')"
if [ "$have_torch" = 1 ]; then
    torch_s="$(field "$LOGS/torch.log" median_epoch_s | median)"
    echo "torch median epoch ${torch_s} s, NDCG@100 $(field "$LOGS/torch.log" ndcg100 | tr '\n' ' ')"
    awk -v j="$java_s" -v t="$torch_s" 'BEGIN {printf "ratio Java / PyTorch epoch time: %.2f\n", j / t}'
    # process CPU seconds an epoch (all threads): less sensitive than wall time to other jobs on the machine
    java_c="$(field "$LOGS/java.log" median_epoch_cpu_s | median)"
    torch_c="$(field "$LOGS/torch.log" median_epoch_cpu_s | median)"
    echo "per-round ratios (wall): $(paste <(field "$LOGS/java.log" median_epoch_s) <(field "$LOGS/torch.log" median_epoch_s) \
        | awk '{printf "%.2f ", $1 / $2}')"
    awk -v j="$java_c" -v t="$torch_c" 'BEGIN {printf "median epoch CPU s: java %.4f, torch %.4f; ratio Java / PyTorch epoch CPU time: %.2f\n", j, t, j / t}'
fi
