# Shared helpers for the claimsweep scripts. Sourced, not run.
# shellcheck shell=bash

CS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CS_ROOT

cs_die() { echo "error: $*" >&2; exit 1; }

cs_need() {
  command -v "$1" >/dev/null 2>&1 || cs_die "$1 is required but not on PATH ($2)"
}

# Spark's own JavaModuleOptions (what Spark needs opened on Java 17+), kept in one place.
CS_MODULE_OPTS=(
  -XX:+IgnoreUnrecognizedVMOptions
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

# One native (OpenMP/BLAS) thread per training run: parallelism comes from concurrent Spark
# tasks, and on 2 cores two threads in one run were measured slower than one.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"

# The OpenBLAS 0.3.19 bundled with ND4J names recent AVX-512 Xeons (e.g. family 6 model 207)
# "Cooperlake" and then runs sgemm at ~30 GFLOP/s on one thread; its SkylakeX kernels reach
# ~150 on the same machine (docs/perf.md). On a CPU with the AVX-512 foundation, byte/word,
# vector-length, doubleword/quadword and conflict-detection sets, use the SkylakeX kernels unless
# the user chose a kernel set.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ -r /proc/cpuinfo ]; then
  cs_flags=" $(grep -m1 '^flags' /proc/cpuinfo) "
  cs_avx512=1
  for f in avx512f avx512bw avx512vl avx512dq avx512cd; do
    case "$cs_flags" in *" $f "*) ;; *) cs_avx512=0 ;; esac
  done
  [ "$cs_avx512" = 1 ] && export OPENBLAS_CORETYPE=SkylakeX
  unset cs_flags cs_avx512 f
fi

CS_CLASSPATH_FILE="$CS_ROOT/spark-runner/target/classpath.txt"

# State of the local standalone cluster (scripts/cluster): pids, logs, the master URL and secret.
CS_CLUSTER_DIR="${CS_CLUSTER_DIR:-$CS_ROOT/.cluster}"

# The Spark properties (one key=value per line) a driver needs to join the cluster scripts/cluster
# started when $1 is its master URL: authentication with its secret, the driver on loopback.
# Nothing for any other master.
cs_cluster_conf() {
  [ -f "$CS_CLUSTER_DIR/url" ] && [ -f "$CS_CLUSTER_DIR/secret" ] && [ "$1" = "$(cat "$CS_CLUSTER_DIR/url")" ] || return 0
  printf '%s\n' spark.authenticate=true "spark.authenticate.secret=$(cat "$CS_CLUSTER_DIR/secret")" \
    spark.driver.host=127.0.0.1 spark.driver.bindAddress=127.0.0.1
}

# A free TCP port on 127.0.0.1 (for the test clusters), or $1 when it cannot be asked.
cs_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo "$1"
}

# Builds the modules (without tests) when any source or pom is newer than the last build, and
# writes the runtime classpath (Spark included) to $CS_CLASSPATH_FILE.
cs_build() {
  cs_need mvn "install Apache Maven 3.8+"
  cs_need java "install a JDK 17+"
  local stale=1
  if [ -f "$CS_CLASSPATH_FILE" ]; then
    stale=$(find "$CS_ROOT/pom.xml" "$CS_ROOT/sweep-core/pom.xml" "$CS_ROOT/spark-runner/pom.xml" \
      "$CS_ROOT/sweep-core/src/main" "$CS_ROOT/spark-runner/src/main" \
      -newer "$CS_CLASSPATH_FILE" -type f 2>/dev/null | head -n 1 | wc -l)
  fi
  if [ "$stale" != "0" ]; then
    echo "building claimsweep (mvn package, tests skipped) ..." >&2
    # Maven 3.8's console library emits colour resets even in batch mode; strip them.
    (cd "$CS_ROOT" && set -o pipefail && mvn -B -q -Dstyle.color=never -DskipTests package dependency:build-classpath \
        -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2) \
      || cs_die "build failed; run 'mvn -DskipTests package' in $CS_ROOT to see why"
    # The dependency plugin leaves an unchanged classpath file alone; mark the build as fresh.
    touch "$CS_CLASSPATH_FILE"
  fi
}

# The classpath for running the driver in this JVM: spark-runner and sweep-core classes plus all
# dependencies (Spark is 'provided' for the cluster jar but needed here).
cs_classpath() {
  echo "$CS_ROOT/spark-runner/target/classes:$CS_ROOT/sweep-core/target/classes:$(cat "$CS_CLASSPATH_FILE")"
}

# JVM options that select the ND4J native build. CS_ND4J_FLAVOUR (e.g. avx2, onednn-avx2) names a
# classifier of nd4j-native whose jar is on the classpath; empty means the plain build.
cs_native_opts() {
  if [ -n "${CS_ND4J_FLAVOUR:-}" ]; then
    echo "-Dorg.bytedeco.javacpp.platform.extension=-${CS_ND4J_FLAVOUR}"
  fi
}
