#!/usr/bin/env bash
# Issue 5, scale goal: ALS and item-kNN trained on a generated 1M users x 100k items x 20M
# interactions dataset; prints wall time, CPU time and peak heap per phase (see RESULTS.md).
#
# Installs the two bundles (tests skipped), builds this standalone project (not in the root
# reactor, never part of a default build or test run) and runs it with at most 16 GB of heap.
# Extra arguments go to the program, e.g.
#   benchmarks/scale/run.sh --users 100000 --items 10000        (a 10x smaller set)
#   benchmarks/scale/run.sh --only item-knn --save /tmp/models  (also time save and load)
# Needs plugins-api and plugins-testkit in the local Maven repository (a root `mvn install` once).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mvn -o -q -f "$root/bundles/neighborhood/pom.xml" install -DskipTests
mvn -o -q -f "$root/bundles/matrix-factorization/pom.xml" install -DskipTests
mvn -o -q -f "$here/pom.xml" package
exec java -Xmx${HEAP:-16g} ${JAVA_OPTS:-} \
  -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
  org.surrogate.benchmarks.scale.ScaleBenchmark "$@"
