#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for tests, from Debian's postgresql-15 package.
#
# Usage: postgres.sh start|stop|env|status [DIR]
#        postgres.sh psql DIR [PSQL-ARGS...]
#
#   start    creates the cluster under DIR/pgdata when absent, starts it (no-op when it
#            already runs), creates the roles and databases below, waits until it accepts
#            connections, and prints `export ...` lines for eval on stdout
#   stop     stops the cluster and removes its data (DIR/pgdata, DIR/pgrun); leaves no
#            postgres process of this cluster
#   env      prints the `export ...` lines of the cluster
#   status   exit 0 when the cluster runs, 1 otherwise
#   psql     runs psql as the superuser on the running cluster (database postgres unless
#            PSQL-ARGS say otherwise), e.g. `postgres.sh psql DIR -c 'DROP DATABASE x'`
#
# DIR holds everything of the cluster (data, socket, log, port file); when omitted,
# $NEUTRINO_TEST_PG_DIR is used. The cluster never touches the machine's clusters: it is
# made with initdb and run with pg_ctl directly (nothing under /etc/postgresql, nothing in
# pg_lsclusters), runs as the `postgres` user (DIR/pgdata belongs to it), listens on
# 127.0.0.1 only and on a Unix socket in DIR/pgrun. Trust authentication (tests only).
# Settings for speed, not durability: fsync, synchronous_commit and full_page_writes off.
#
#   NEUTRINO_PG_PORT   TCP port, fixed at the first start of a DIR (default 5433)
#
# Roles and databases (each role owns its database; `neutrino` may create databases):
#   neutrino / neutrino  -> database neutrino
#   keystone / keystone  -> database keystone
#
# Printed for eval:
#   NEUTRINO_TEST_PG_URL    postgresql://neutrino:neutrino@127.0.0.1:<port>/neutrino
#   NEUTRINO_TEST_PG_JDBC   jdbc:postgresql://127.0.0.1:<port>/neutrino
#   NEUTRINO_TEST_PG_USER, NEUTRINO_TEST_PG_PASSWORD   neutrino, neutrino
#   NEUTRINO_TEST_PG_PORT   <port>
#   NEUTRINO_TEST_PG_DIR    DIR
set -euo pipefail

readonly PG_BIN=/usr/lib/postgresql/15/bin
readonly PG_OS_USER=postgres
readonly START_TIMEOUT_SECONDS=60

# shellcheck source=service.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/service.sh"

usage() {
    echo "usage: $0 start|stop|env|status [DIR] | psql DIR [PSQL-ARGS...]" >&2
    exit 2
}

load_settings() {
    dir=$1
    mkdir -p "$dir"
    dir=$(readlink -f "$dir")
    if [[ -f "$dir/pg.env" ]]; then
        # shellcheck disable=SC1091
        . "$dir/pg.env"
    else
        port=${NEUTRINO_PG_PORT:-5433}
        printf 'port=%s\n' "$port" >"$dir/pg.env"
    fi
    data="$dir/pgdata"
    run="$dir/pgrun"
}

as_postgres() {
    runuser -u "$PG_OS_USER" -- "$@"
}

# psql as the superuser over the private socket
psql_admin() {
    as_postgres "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$run" -p "$port" -d postgres "$@"
}

# the postmaster pid of this cluster, when it runs
postmaster_pid() {
    pid_in "$data/postmaster.pid" postgres
}

running() {
    postmaster_pid >/dev/null
}

print_env() {
    echo "export NEUTRINO_TEST_PG_URL=postgresql://neutrino:neutrino@127.0.0.1:$port/neutrino"
    echo "export NEUTRINO_TEST_PG_JDBC=jdbc:postgresql://127.0.0.1:$port/neutrino"
    echo "export NEUTRINO_TEST_PG_USER=neutrino"
    echo "export NEUTRINO_TEST_PG_PASSWORD=neutrino"
    echo "export NEUTRINO_TEST_PG_PORT=$port"
    echo "export NEUTRINO_TEST_PG_DIR=$dir"
}

# The postgres user must reach DIR: check every parent directory is traversable.
check_reachable() {
    if ! as_postgres test -x "$dir"; then
        die "user $PG_OS_USER cannot reach $dir (a parent directory is not traversable); choose a DIR under /tmp or /var/tmp"
    fi
}

init_cluster() {
    [[ -x "$PG_BIN/initdb" ]] || die "PostgreSQL 15 is not installed (apt-get install -y postgresql-15)"
    rm -rf "$data" "$run"
    mkdir -p "$data" "$run"
    chown "$PG_OS_USER:$PG_OS_USER" "$data" "$run"
    chmod 700 "$data"
    as_postgres "$PG_BIN/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=trust \
        --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
        { tail -n 20 "$dir/initdb.log" >&2; die "initdb failed; log in $dir/initdb.log"; }
    cat >>"$data/postgresql.conf" <<EOF

# --- neutrino test cluster (scripts/lib/postgres.sh) ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$run'
max_connections = 200
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
checkpoint_timeout = 30min
log_min_messages = warning
logging_collector = off
EOF
}

create_roles() {
    psql_admin <<'EOF'
SELECT 'CREATE ROLE neutrino LOGIN CREATEDB PASSWORD ''neutrino'''
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'neutrino') \gexec
SELECT 'CREATE DATABASE neutrino OWNER neutrino'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'neutrino') \gexec
SELECT 'CREATE ROLE keystone LOGIN PASSWORD ''keystone'''
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'keystone') \gexec
SELECT 'CREATE DATABASE keystone OWNER keystone'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'keystone') \gexec
EOF
}

start() {
    if running; then
        log "cluster in $data already runs (pid $(postmaster_pid)) on 127.0.0.1:$port"
        print_env
        return
    fi
    if port_open "$port"; then
        die "port $port is taken by a process this script did not start; set NEUTRINO_PG_PORT"
    fi
    local started=$SECONDS
    check_reachable
    if [[ ! -f "$data/PG_VERSION" ]]; then
        init_cluster
    fi
    mkdir -p "$run"
    chown "$PG_OS_USER:$PG_OS_USER" "$run"
    touch "$dir/postgres.log"
    chown "$PG_OS_USER:$PG_OS_USER" "$dir/postgres.log"
    # pg_ctl detaches the postmaster (setsid) and waits until it accepts connections.
    if ! as_postgres "$PG_BIN/pg_ctl" -D "$data" -l "$dir/postgres.log" -w \
        -t "$START_TIMEOUT_SECONDS" start >/dev/null; then
        tail -n 30 "$dir/postgres.log" >&2 || true
        die "cluster in $data did not start; log in $dir/postgres.log"
    fi
    create_roles
    log "cluster in $data accepts connections on 127.0.0.1:$port after $((SECONDS - started))s"
    print_env
}

stop() {
    local stopped=$SECONDS pid
    if pid=$(postmaster_pid); then
        as_postgres "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null ||
            { log "pg_ctl stop failed; sending SIGQUIT to postmaster $pid"; kill -QUIT "$pid" 2>/dev/null || true; }
        wait_exit "$pid" 30 || die "postmaster $pid did not exit"
    fi
    rm -rf "$data" "$run"
    log "cluster in $dir stopped and removed in $((SECONDS - stopped))s"
}

# --- main ----------------------------------------------------------------------------

command_psql() {
    running || die "cluster in $data does not run"
    psql_admin "$@"
}

service_main NEUTRINO_TEST_PG_DIR "$@"
