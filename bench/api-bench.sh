#!/usr/bin/env bash
# The Neutrino API benchmark: starts bin/neutrino-server on a fresh database with a temporary
# config (noauth, loopback, quotas off), runs bench/Bench.java against it, prints a Markdown
# table, stops everything it started.
#
# Usage: bench/api-bench.sh [h2|postgresql] [--fill N]
#
#   h2          (default) the embedded H2 database in a temporary state_path
#   postgresql  a private PostgreSQL 15 cluster started for the run with scripts/lib/postgres.sh
#               on port $NEUTRINO_BENCH_PG_PORT (default 5491), switched to durable settings
#               (fsync, synchronous_commit, full_page_writes on), removed at the end
#   --fill N    number of ports for the second flat-cost point (default 20000)
#
# Environment: NEUTRINO_JAVA_OPTS (JVM options of the server), JAVA_HOME (a JDK >= 21).
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
root="$(cd "$here/.." && pwd)"
db=${1:-h2}
shift || true
case "$db" in h2 | postgresql) ;; *) echo "usage: $0 [h2|postgresql] [--fill N]" >&2; exit 2 ;; esac

# shellcheck source=lib/common.sh
source "$here/lib/common.sh"

# shellcheck source=lib/server.sh
source "$here/lib/server.sh"
bench_start_server "$db"

bench_run "Neutrino API benchmark" "$db" "$here/Bench.java" --url "$bench_url" --label "$db" "$@"
