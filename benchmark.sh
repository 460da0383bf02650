#!/usr/bin/env bash
# Measures the ledger against the limit of this machine: builds it, then runs the benchmark jar, which starts
# PostgreSQL (embedded, or a fresh database on the server named by SPRING_DATASOURCE_URL) and both services
# as separate JVMs with fixed heaps, prints a table and writes .benchmark/benchmark-results.json.
# Options: --events N, --duration X, --quick, --only step,step (see the README's Benchmark section).
# (Named benchmark.sh because benchmark/ holds the tool: its own Maven project, outside the product's modules.)
set -euo pipefail
cd "$(dirname "$0")"

if [[ "${BENCHMARK_SKIP_BUILD:-}" != "true" ]]; then
    echo "Building (the first run downloads dependencies from Maven Central) ..."
    mvn -q -B -ntp -DskipTests install
    mvn -q -B -ntp -DskipTests -f benchmark/pom.xml package
fi

# exec: Ctrl-C reaches the benchmark JVM, which stops the services and then PostgreSQL.
exec java -Xms512m -Xmx512m -jar benchmark/target/ledger-benchmark.jar "$@"
