#!/usr/bin/env bash
# Issue 5, "Peers, side by side": builds this standalone benchmark and runs our recommenders beside
# Spark MLlib, Apache Mahout (Taste) and LibRec on one MovieLens-100K split, all ranked by our
# evaluator; prints the table and writes RESULTS.md beside this script.
#
# Needs our modules in the local Maven repository (a root `mvn install` once) and u.data at
# $DATA (default /work/shared/datasets/ml-100k/u.data). Extra arguments go to the program, e.g.
#   benchmarks/peers/run.sh --rounds 1 --only als
# AB_CLASSES=dir1:dir2 puts other builds of our bundles' classes first, to compare two versions
# side by side on this shared, noisy machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mvn -q -f "$here/pom.xml" package
DATA="${DATA:-/work/shared/datasets/ml-100k/u.data}"
results=()
if [ $# -eq 0 ]; then
  results=(--results "$here/RESULTS.md")
fi
# Spark on Java 17 needs these opens (the list Spark's own launcher adds).
opens=(
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true
)
export SPARK_LOCAL_IP=127.0.0.1
exec java -Xmx8g --add-modules=jdk.incubator.vector "${opens[@]}" ${JAVA_OPTS:-} \
  -cp "${AB_CLASSES:+$AB_CLASSES:}$here/target/classes:$(cat "$here/target/classpath.txt")" \
  org.surrogate.benchmarks.peers.PeerBenchmark --data "$DATA" "${results[@]}" "$@"
