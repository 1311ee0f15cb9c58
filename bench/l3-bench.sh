#!/usr/bin/env bash
# The L3 API benchmark: starts bin/neutrino-server with service_plugins = router on a fresh
# database with a temporary config (noauth, loopback, quotas off), runs bench/L3Bench.java
# against it, prints Markdown tables, stops everything it started.
#
# Usage: bench/l3-bench.sh [h2|postgresql] [--iterations N] [--ports N]
#
#   h2              (default) the embedded H2 database in a temporary state_path
#   postgresql      a private durable PostgreSQL 15 cluster started for the run (see lib/server.sh)
#   --iterations N  measured router/floating IP iterations (default 50)
#   --ports N       ports of the large port list, compared with 200 (default 2000)
#
# Environment: NEUTRINO_JAVA_OPTS (JVM options of the server), JAVA_HOME (a JDK >= 21).
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
root="$(cd "$here/.." && pwd)"
db=${1:-h2}
shift || true
case "$db" in h2 | postgresql) ;; *) echo "usage: $0 [h2|postgresql] [--iterations N] [--ports N]" >&2; exit 2 ;; esac

# shellcheck source=lib/common.sh
source "$here/lib/common.sh"

# shellcheck source=lib/server.sh
source "$here/lib/server.sh"
bench_start_server "$db" "service_plugins = router"

bench_run "Neutrino L3 API benchmark" "$db" "$here/L3Bench.java" --url "$bench_url" "$@"
