#!/usr/bin/env bash
# The security-group benchmark: starts bin/neutrino-server on a fresh database with a temporary
# config (noauth, loopback, quotas off), runs bench/SgBench.java against it, prints a Markdown
# table, stops everything it started.
#
# Usage: bench/sg-bench.sh [h2|postgresql|neutron] [--groups N] [--warmup N]
#
#   h2          (default) the embedded H2 database in a temporary state_path
#   postgresql  a private PostgreSQL 15 cluster started for the run with scripts/lib/postgres.sh
#               on port $NEUTRINO_BENCH_PG_PORT (default 5491), switched to durable settings
#               (fsync, synchronous_commit, full_page_writes on), removed at the end
#   neutron     the same driver against Neutron Zed's neutron-server (2 API workers) on such a
#               cluster, for the side-by-side figures (bench/lib/neutron.sh)
#   --groups N  number of measured groups of 100 rules (default 10)
#   --warmup N  unmeasured rounds first (default 3; a JVM is still compiling after 3 at a high load)
#
# Environment: NEUTRINO_JAVA_OPTS (JVM options of the server), JAVA_HOME (a JDK >= 21).
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
root="$(cd "$here/.." && pwd)"
db=${1:-h2}
shift || true
case "$db" in h2 | postgresql | neutron) ;; *) echo "usage: $0 [h2|postgresql|neutron] [--groups N] [--warmup N]" >&2; exit 2 ;; esac

# shellcheck source=lib/common.sh
source "$here/lib/common.sh"

# shellcheck source=lib/server.sh
source "$here/lib/server.sh"
bench_start_server "$db"

bench_run "security-group benchmark" "$db" "$here/SgBench.java" --url "$bench_url" --server-pid "$bench_server_pid" "$@"
