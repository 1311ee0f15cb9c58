#!/usr/bin/env bash
# A real Keystone (Debian's keystone package, served by uwsgi) for tests, backed by the
# private PostgreSQL cluster of postgres.sh in the same DIR.
#
# Usage: keystone.sh start|stop|env|status [DIR]
#
#   start    starts PostgreSQL (postgres.sh start DIR) when it does not run, makes a fresh
#            keystone database, bootstraps Keystone, serves it with uwsgi, waits until it
#            answers, creates the test projects and users below, and prints `export ...`
#            lines for eval on stdout. No-op (prints the env) when Keystone already runs.
#   stop     stops uwsgi (by its pid file), removes DIR/keystone, and stops PostgreSQL too
#            when this script started it
#   env      prints the `export ...` lines
#   status   exit 0 when Keystone runs, 1 otherwise
#
# DIR holds everything (DIR/keystone: config, keys, logs, pid file; DIR/pgdata: the
# database); when omitted, $NEUTRINO_TEST_KEYSTONE_DIR is used. Listens on 127.0.0.1 only.
#
#   NEUTRINO_KEYSTONE_PORT   port of Keystone (default 5000)
#   NEUTRINO_PG_PORT         port of the PostgreSQL cluster (see postgres.sh; default 5433)
#
# What it creates (domain Default, region RegionOne):
#   admin      / secretadmin    admin on project admin (keystone-manage bootstrap)
#   neutron    / secretneutron  admin on project service (the service user of a network server)
#   demo       / secretdemo     member on project demo
#   demoreader / secretreader   reader on project demo
#   alt        / secretalt      member on project alt
#   service `neutron` of type network, endpoints public/internal/admin http://127.0.0.1:9696
#
# Printed for eval:
#   NEUTRINO_TEST_KEYSTONE_URL   http://127.0.0.1:<port>/v3
#   NEUTRINO_TEST_KEYSTONE_DIR   DIR
#   NEUTRINO_TEST_KEYSTONE_CTL   absolute path of this script
#   and the NEUTRINO_TEST_PG_* lines of postgres.sh
set -euo pipefail

readonly START_TIMEOUT_SECONDS=60
readonly STOP_TIMEOUT_SECONDS=30
readonly NETWORK_ENDPOINT=http://127.0.0.1:9696

self=$(readlink -f "${BASH_SOURCE[0]}")
here=$(dirname "$self")
postgres_sh="$here/postgres.sh"

# shellcheck source=service.sh
source "$here/service.sh"

usage() {
    echo "usage: $0 start|stop|env|status [DIR]" >&2
    exit 2
}

load_settings() {
    dir=$1
    mkdir -p "$dir"
    dir=$(readlink -f "$dir")
    if [[ -f "$dir/keystone.env" ]]; then
        # shellcheck disable=SC1091
        . "$dir/keystone.env"
    else
        ks_port=${NEUTRINO_KEYSTONE_PORT:-5000}
        printf 'ks_port=%s\n' "$ks_port" >"$dir/keystone.env"
    fi
    ks="$dir/keystone"
    url="http://127.0.0.1:$ks_port/v3"
}

uwsgi_pid() {
    pid_in "$ks/uwsgi.pid" uwsgi
}

running() {
    uwsgi_pid >/dev/null
}

answers() {
    curl -fs -o /dev/null --max-time 2 "$url"
}

print_env() {
    echo "export NEUTRINO_TEST_KEYSTONE_URL=$url"
    echo "export NEUTRINO_TEST_KEYSTONE_DIR=$dir"
    echo "export NEUTRINO_TEST_KEYSTONE_CTL=$self"
    "$postgres_sh" env "$dir"
}

write_config() {
    local pg_port=$1
    mkdir -p "$ks/fernet-keys" "$ks/credential-keys" "$ks/log"
    cat >"$ks/keystone.conf" <<EOF
[DEFAULT]
log_file = $ks/log/keystone.log
use_stderr = false
[database]
connection = postgresql+psycopg2://keystone:keystone@127.0.0.1:$pg_port/keystone
[token]
provider = fernet
[fernet_tokens]
key_repository = $ks/fernet-keys
[fernet_receipts]
key_repository = $ks/fernet-keys
[credential]
key_repository = $ks/credential-keys
[cache]
enabled = true
backend = dogpile.cache.memory
[identity]
password_hash_rounds = 4
EOF
    cat >"$ks/uwsgi.ini" <<EOF
[uwsgi]
plugins = python3
http-socket = 127.0.0.1:$ks_port
# uwsgi's http-socket closes every connection after one answer without saying so; say it, so
# that clients do not reuse the connection and get "connection reset"
add-header = Connection: close
wsgi-file = /usr/bin/keystone-wsgi-public
env = OS_KEYSTONE_CONFIG_FILES=$ks/keystone.conf
master = true
processes = 1
threads = 8
enable-threads = true
lazy-apps = true
die-on-term = true
# Python finalisation segfaults in greenlet at exit and delays the stop: skip it
skip-atexit-teardown = true
pidfile = $ks/uwsgi.pid
EOF
}

keystone_manage() {
    # keystone-manage prints a harmless AttributeError about `getcurrent` at exit.
    keystone-manage --config-file "$ks/keystone.conf" "$@" >>"$ks/log/keystone-manage.out" 2>&1 ||
        { tail -n 30 "$ks/log/keystone-manage.out" >&2; log "keystone-manage $1 failed; log in $ks/log"; return 1; }
}

# Fernet and credential keys as `keystone-manage fernet_setup` / `credential_setup` write
# them (key 1 primary, key 0 staged: 32 random bytes, URL-safe base64), without two slow
# keystone-manage runs.
write_keys() {
    local repo index
    for repo in "$ks/fernet-keys" "$ks/credential-keys"; do
        chmod 700 "$repo"
        for index in 0 1; do
            (umask 077; head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '\n' >"$repo/$index")
        done
    done
}

bootstrap() {
    keystone_manage bootstrap --bootstrap-password secretadmin --bootstrap-username admin \
        --bootstrap-project-name admin --bootstrap-role-name admin \
        --bootstrap-service-name keystone --bootstrap-region-id RegionOne \
        --bootstrap-admin-url "$url" --bootstrap-internal-url "$url" \
        --bootstrap-public-url "$url"
}

launch_uwsgi() {
    rm -f "$ks/uwsgi.pid"
    setsid uwsgi --ini "$ks/uwsgi.ini" </dev/null >>"$ks/log/uwsgi.log" 2>&1 &
    launched=$!
}

wait_answers() {
    local deadline=$((SECONDS + START_TIMEOUT_SECONDS))
    until answers; do
        if ! kill -0 "$launched" 2>/dev/null; then
            tail -n 30 "$ks/log/uwsgi.log" >&2 || true
            die "uwsgi exited during start; logs in $ks/log"
        fi
        if ((SECONDS >= deadline)); then
            stop_uwsgi
            die "Keystone did not answer on $url within ${START_TIMEOUT_SECONDS}s; logs in $ks/log"
        fi
        sleep 0.1
    done
}

# Projects, users, roles and the network service through the v3 API (one python process:
# much faster than one `openstack` command per object).
populate() {
    /usr/bin/python3 - "$url" "$NETWORK_ENDPOINT" <<'EOF'
import json
import sys
import urllib.error
import urllib.request

url, network_endpoint = sys.argv[1], sys.argv[2]


def call(method, path, body=None, token=None, expect=(200, 201, 204)):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("X-Auth-Token", token)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            payload = response.read()
            return response.headers, json.loads(payload) if payload else None
    except urllib.error.HTTPError as e:
        sys.exit("keystone.sh: %s %s -> %s %s" % (method, path, e.code, e.read().decode()))


headers, _ = call("POST", "/auth/tokens", {"auth": {
    "identity": {"methods": ["password"], "password": {"user": {
        "name": "admin", "domain": {"id": "default"}, "password": "secretadmin"}}},
    "scope": {"project": {"name": "admin", "domain": {"id": "default"}}}}})
token = headers["X-Subject-Token"]

roles = {r["name"]: r["id"] for r in call("GET", "/roles", token=token)[1]["roles"]}
projects = {}
for name in ("service", "demo", "alt"):
    projects[name] = call("POST", "/projects", {"project": {
        "name": name, "domain_id": "default", "description": name}}, token=token)[1]["project"]["id"]

for user, password, project, role in (
        ("neutron", "secretneutron", "service", "admin"),
        ("demo", "secretdemo", "demo", "member"),
        ("demoreader", "secretreader", "demo", "reader"),
        ("alt", "secretalt", "alt", "member")):
    user_id = call("POST", "/users", {"user": {
        "name": user, "password": password, "domain_id": "default",
        "default_project_id": projects[project]}}, token=token)[1]["user"]["id"]
    call("PUT", "/projects/%s/users/%s/roles/%s" % (projects[project], user_id, roles[role]),
         token=token)

service_id = call("POST", "/services", {"service": {
    "name": "neutron", "type": "network", "enabled": True}}, token=token)[1]["service"]["id"]
for interface in ("public", "internal", "admin"):
    call("POST", "/endpoints", {"endpoint": {
        "service_id": service_id, "interface": interface, "region_id": "RegionOne",
        "url": network_endpoint, "enabled": True}}, token=token)
EOF
}

start() {
    if running && answers; then
        log "Keystone already runs (uwsgi pid $(uwsgi_pid)) on $url"
        print_env
        return
    fi
    command -v keystone-manage >/dev/null && command -v uwsgi >/dev/null ||
        die "keystone is not installed (apt-get install -y keystone uwsgi-core uwsgi-plugin-python3 python3-psycopg2)"
    running && stop_uwsgi
    if port_open "$ks_port"; then
        die "port $ks_port is taken by a process this script did not start; set NEUTRINO_KEYSTONE_PORT"
    fi
    local started=$SECONDS owns_postgres=false
    [[ -f "$ks/started-postgres" ]] && owns_postgres=true
    rm -rf "$ks"
    mkdir -p "$ks"
    $owns_postgres && touch "$ks/started-postgres"
    trap abort_start EXIT
    if ! "$postgres_sh" status "$dir"; then
        "$postgres_sh" start "$dir" >/dev/null
        touch "$ks/started-postgres"
    fi
    local pg_port
    pg_port=$(sed -n 's/^port=//p' "$dir/pg.env")
    "$postgres_sh" psql "$dir" -c 'DROP DATABASE IF EXISTS keystone' \
        -c 'CREATE DATABASE keystone OWNER keystone'
    write_config "$pg_port"
    write_keys
    keystone_manage db_sync
    # uwsgi loads Keystone while bootstrap fills the database; requests come after both.
    launch_uwsgi
    bootstrap
    wait_answers
    populate
    trap - EXIT
    log "Keystone answers on $url after $((SECONDS - started))s"
    print_env
}

# On a failed start: stop what this start launched, keep the logs in DIR/keystone.
abort_start() {
    log "start failed; stopping what it started (logs kept in $ks/log)"
    stop_uwsgi
    if [[ -f "$ks/started-postgres" ]]; then
        "$postgres_sh" stop "$dir" || true
        rm -f "$ks/started-postgres"
    fi
}

stop_uwsgi() {
    local pid
    # before uwsgi writes its pid file, the master is the process launch_uwsgi started
    if pid=$(uwsgi_pid) || { [[ -n "${launched:-}" ]] && [[ "$(cat "/proc/$launched/comm" 2>/dev/null)" == uwsgi* ]] && pid=$launched; }; then
        kill -INT "$pid" 2>/dev/null || true
        if ! wait_exit "$pid" "$STOP_TIMEOUT_SECONDS"; then
            log "uwsgi (pid $pid) ignored SIGINT for ${STOP_TIMEOUT_SECONDS}s; killing it and its workers"
            # setsid made the master the leader of a process group holding only uwsgi
            if [[ "$(ps -o pgid= -p "$pid" | tr -d ' ')" == "$pid" ]]; then
                kill -KILL -- "-$pid" 2>/dev/null || true
            else
                kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
    fi
    rm -f "$ks/uwsgi.pid"
}

stop() {
    local stopped=$SECONDS
    stop_uwsgi
    if [[ -f "$ks/started-postgres" ]]; then
        "$postgres_sh" stop "$dir"
    fi
    rm -rf "$ks"
    log "Keystone in $dir stopped in $((SECONDS - stopped))s"
}

# --- main ----------------------------------------------------------------------------

service_main NEUTRINO_TEST_KEYSTONE_DIR "$@"
