#!/usr/bin/env bash
# The security-group benchmark: starts bin/neutrino-server on a fresh database with a temporary
# config (noauth, loopback, quotas off), runs bench/SgBench.java against it, prints a Markdown
# table, stops everything it started.
#
# Usage: bench/sg-bench.sh [h2|postgresql] [--groups N]
#
#   h2          (default) the embedded H2 database in a temporary state_path
#   postgresql  a private PostgreSQL 15 cluster started for the run with scripts/lib/postgres.sh
#               on port $NEUTRINO_BENCH_PG_PORT (default 5491), switched to durable settings
#               (fsync, synchronous_commit, full_page_writes on), removed at the end
#   --groups N  number of measured groups of 100 rules (default 10)
#
# Environment: NEUTRINO_JAVA_OPTS (JVM options of the server), JAVA_HOME (a JDK >= 21).
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
root="$(cd "$here/.." && pwd)"
db=${1:-h2}
shift || true
case "$db" in h2 | postgresql) ;; *) echo "usage: $0 [h2|postgresql] [--groups N]" >&2; exit 2 ;; esac

# shellcheck source=../bin/lib/launcher.sh
source "$root/bin/lib/launcher.sh"
# shellcheck source=lib/common.sh
source "$here/lib/common.sh"
JAVA_HOME="$(find_java)"
export JAVA_HOME
ensure_built

work=$(mktemp -d /tmp/neutrino-bench.XXXXXX)
chmod 755 "$work"
server_pid=
pg_started=
cleanup() {
    local status=$?
    if ((status != 0)) && [[ -f "$work/server.log" ]]; then
        echo "--- last lines of the server log ---" >&2
        tail -n 30 "$work/server.log" >&2
    fi
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [[ -n "$pg_started" ]]; then
        "$root/scripts/lib/postgres.sh" stop "$work/pg" >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

connection=
if [[ "$db" == postgresql ]]; then
    pg_env=$(NEUTRINO_PG_PORT=${NEUTRINO_BENCH_PG_PORT:-5491} "$root/scripts/lib/postgres.sh" start "$work/pg")
    pg_started=1
    eval "$pg_env"
    # The test cluster trades durability for speed; a benchmark must not.
    "$root/scripts/lib/postgres.sh" psql "$work/pg" -c "ALTER SYSTEM SET fsync = on" \
        -c "ALTER SYSTEM SET synchronous_commit = on" -c "ALTER SYSTEM SET full_page_writes = on" \
        -c "SELECT pg_reload_conf()" >/dev/null
    connection=$NEUTRINO_TEST_PG_URL
fi

port=$(free_loopback_port)
{
    server_defaults "$port" "$work/state"
    cat <<CONF
[database]
connection = $connection
CONF
    unlimited_quotas
} >"$work/neutrino.conf"
mkdir -p "$work/state"

NEUTRINO_JAVA_OPTS="${NEUTRINO_JAVA_OPTS:--Dneutrino.log.level=WARN}" \
    "$root/bin/neutrino-server" --config-file "$work/neutrino.conf" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then break; fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; echo "server did not start" >&2; exit 1; }
    sleep 0.2
done

echo "# Neutrino security-group benchmark, $db, $(date -u +%Y-%m-%dT%H:%MZ)"
print_machine
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share these cores: compare runs at similar load)"
echo
"$JAVA_HOME/bin/java" "$here/SgBench.java" --url "http://127.0.0.1:$port" "$@"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ "$db" == h2 ]]; then
    echo "H2 database file after the run: $(du -sh "$work/state" | cut -f1)"
fi
if grep -q ' ERROR ' "$work/server.log"; then
    echo "server errors:" >&2
    grep -A5 ' ERROR ' "$work/server.log" | head -40 >&2
    exit 1
fi
