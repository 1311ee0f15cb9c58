# Shared by the bench/ scripts that measure a running neutrino-server: a temporary work
# directory, a server on a fresh H2 database or on a private durable PostgreSQL cluster,
# waiting until it answers, and stopping and removing everything at exit.
# Source it after lib/common.sh; $root must be the project root.
# shellcheck shell=bash

# shellcheck source=neutron.sh
source "$(dirname "${BASH_SOURCE[0]}")/neutron.sh"

bench_work=
bench_server_pid=
bench_pg_started=

bench_cleanup() {
    local status=$?
    if ((status != 0)) && [[ -f "$bench_work/server.log" ]]; then
        echo "--- last lines of the server log ---" >&2
        tail -n 30 "$bench_work/server.log" >&2
    fi
    if [[ -n "$bench_server_pid" ]] && kill -0 "$bench_server_pid" 2>/dev/null; then
        kill "$bench_server_pid" 2>/dev/null || true
        wait "$bench_server_pid" 2>/dev/null || true
    fi
    if [[ -n "$bench_pg_started" ]]; then
        "$root/scripts/lib/postgres.sh" stop "$bench_work/pg" >/dev/null 2>&1 || true
    fi
    rm -rf "$bench_work"
}

# Starts a server on database DB (h2 or postgresql) and waits until it answers. Every further
# argument is one more line of the config's [DEFAULT] section (e.g. "service_plugins = router").
#   h2          the embedded H2 database in a temporary state_path
#   postgresql  a private PostgreSQL 15 cluster started with scripts/lib/postgres.sh on port
#               $NEUTRINO_BENCH_PG_PORT (default 5491), switched to durable settings (fsync,
#               synchronous_commit, full_page_writes on)
#   neutron     not Neutrino but Neutron Zed's neutron-server (lib/neutron.sh) on such a
#               cluster, for side-by-side figures; the further arguments are ignored
# Sets bench_url (http://127.0.0.1:PORT) and bench_work; installs an EXIT trap that stops the
# server and the cluster and removes the work directory. Server JVM options: NEUTRINO_JAVA_OPTS.
bench_start_server() {
    local db=$1
    shift
    bench_work=$(mktemp -d /tmp/neutrino-bench.XXXXXX)
    chmod 755 "$bench_work"
    trap bench_cleanup EXIT

    local connection=
    if [[ "$db" == postgresql || "$db" == neutron ]]; then
        local pg_env
        pg_env=$(NEUTRINO_PG_PORT=${NEUTRINO_BENCH_PG_PORT:-5491} "$root/scripts/lib/postgres.sh" start "$bench_work/pg")
        bench_pg_started=1
        eval "$pg_env"
        # The test cluster trades durability for speed; a benchmark must not.
        "$root/scripts/lib/postgres.sh" psql "$bench_work/pg" -c "ALTER SYSTEM SET fsync = on" \
            -c "ALTER SYSTEM SET synchronous_commit = on" -c "ALTER SYSTEM SET full_page_writes = on" \
            -c "SELECT pg_reload_conf()" >/dev/null
        connection=$NEUTRINO_TEST_PG_URL
    fi

    local port
    port=$(free_loopback_port)
    if [[ "$db" == neutron ]]; then
        neutron_start "$port" "$connection"
    else
        bench_start_neutrino "$port" "$connection" "$@"
    fi
    bench_url="http://127.0.0.1:$port"
    for _ in $(seq 1 300); do
        if curl -fsS -o /dev/null "$bench_url/" 2>/dev/null; then return 0; fi
        kill -0 "$bench_server_pid" 2>/dev/null || { cat "$bench_work/server.log" >&2; echo "server did not start" >&2; exit 1; }
        sleep 0.2
    done
    echo "server did not answer within 60 s" >&2
    exit 1
}

# Starts bin/neutrino-server on 127.0.0.1:PORT with [database] connection CONNECTION (empty: H2
# in the work directory); further arguments are more lines of [DEFAULT]. Sets bench_server_pid.
bench_start_neutrino() {
    local port=$1 connection=$2
    shift 2
    {
        server_defaults "$port" "$bench_work/state"
        local line
        for line in "$@"; do echo "$line"; done
        cat <<CONF
[database]
connection = $connection
CONF
        unlimited_quotas
    } >"$bench_work/neutrino.conf"
    mkdir -p "$bench_work/state"

    NEUTRINO_JAVA_OPTS="${NEUTRINO_JAVA_OPTS:--Dneutrino.log.level=WARN}" \
        "$root/bin/neutrino-server" --config-file "$bench_work/neutrino.conf" >"$bench_work/server.log" 2>&1 &
    bench_server_pid=$!
}

# The load-average line printed before a run.
bench_load_before() {
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share these cores: compare runs at similar load)"
}

# Runs a benchmark of the server on DB: prints the report's title line (TITLE, DB, the time), the
# machine and the load, runs java with the further arguments (a bench/*.java and its options),
# and ends with bench_finish DB.
bench_run() {
    local title=$1 db=$2
    shift 2
    echo "# $title, $db, $(date -u +%Y-%m-%dT%H:%MZ)"
    print_machine
    bench_load_before
    echo
    "$JAVA_HOME/bin/java" "$@"
    echo
    bench_finish "$db"
}

# After a run on DB: the load average, the H2 file size, and failure if the server logged an ERROR.
bench_finish() {
    local db=$1
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    if [[ "$db" == h2 ]]; then
        echo "H2 database file after the run: $(du -sh "$bench_work/state" | cut -f1)"
    fi
    if grep -q ' ERROR ' "$bench_work/server.log"; then
        echo "server errors:" >&2
        grep -A5 ' ERROR ' "$bench_work/server.log" | head -40 >&2
        exit 1
    fi
}
