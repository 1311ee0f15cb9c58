#!/usr/bin/env bash
# A private RabbitMQ node for tests, from Debian's rabbitmq-server package.
#
# Usage: rabbitmq.sh start|stop|restart|env|status [DIR]
#
#   start    starts the node (no-op when it already runs), waits until it accepts AMQP
#            connections, and prints `export ...` lines for eval on stdout
#   stop     stops the node and the epmd this script started; leaves no beam process
#   restart  stop, then start (the data under DIR is kept)
#   env      prints the `export ...` lines of the node
#   status   exit 0 when the node runs, 1 otherwise
#
# DIR holds everything of the node (config, mnesia, logs, pid files, Erlang cookie);
# when omitted, $NEUTRINO_TEST_RABBIT_DIR is used. The node never touches the system's
# default node: its own node name, its own epmd on its own port, 127.0.0.1 only, no
# management plugin. Ports are fixed at the first start of a DIR (kept in DIR/node.env):
#   NEUTRINO_RABBIT_PORT       AMQP port (default 5682)
#   NEUTRINO_RABBIT_DIST_PORT  Erlang distribution port (default AMQP port + 20000)
#   NEUTRINO_RABBIT_EPMD_PORT  port of the private epmd (default 4379)
#
# Printed for eval:
#   NEUTRINO_TEST_RABBIT_URL   rabbit://neutrino:neutrino-test@127.0.0.1:<port>/
#   NEUTRINO_TEST_RABBIT_CTL   absolute path of this script
#   NEUTRINO_TEST_RABBIT_DIR   DIR
set -euo pipefail

readonly RABBIT_BIN=/usr/lib/rabbitmq/bin
readonly RABBIT_USER=neutrino
readonly RABBIT_PASS=neutrino-test
readonly START_TIMEOUT_SECONDS=90
readonly STOP_TIMEOUT_SECONDS=60

self=$(readlink -f "${BASH_SOURCE[0]}")

# shellcheck source=service.sh
source "$(dirname "$self")/service.sh"

usage() {
    echo "usage: $0 start|stop|restart|env|status [DIR]" >&2
    exit 2
}

# --- settings of one DIR -------------------------------------------------------------

load_settings() {
    dir=$1
    mkdir -p "$dir"
    dir=$(readlink -f "$dir")
    if [[ -f "$dir/node.env" ]]; then
        # shellcheck disable=SC1091
        . "$dir/node.env"
    else
        amqp_port=${NEUTRINO_RABBIT_PORT:-5682}
        dist_port=${NEUTRINO_RABBIT_DIST_PORT:-$((amqp_port + 20000))}
        epmd_port=${NEUTRINO_RABBIT_EPMD_PORT:-4379}
        printf 'amqp_port=%s\ndist_port=%s\nepmd_port=%s\n' \
            "$amqp_port" "$dist_port" "$epmd_port" >"$dir/node.env"
    fi
    node_name="neutrino-test-${amqp_port}@localhost"
}

# The environment of the node's Erlang VM and CLI tools, as arguments of env(1).
node_vars() {
    node_vars=(
        HOME="$dir"
        ERL_EPMD_PORT="$epmd_port"
        ERL_EPMD_ADDRESS=127.0.0.1
        RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
        RABBITMQ_NODENAME="$node_name"
        RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
        RABBITMQ_NODE_PORT="$amqp_port"
        RABBITMQ_DIST_PORT="$dist_port"
        RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
        RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
        RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
        RABBITMQ_MNESIA_BASE="$dir/mnesia"
        RABBITMQ_LOG_BASE="$dir/log"
        RABBITMQ_PID_FILE="$dir/rabbit.pid"
        RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    )
}

write_config() {
    mkdir -p "$dir/mnesia" "$dir/log"
    : >"$dir/rabbitmq-env.conf"
    echo '[].' >"$dir/enabled_plugins"
    echo '[].' >"$dir/advanced.config"
    cat >"$dir/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$amqp_port
default_user = $RABBIT_USER
default_pass = $RABBIT_PASS
default_vhost = /
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
log.file.level = info
log.console = false
EOF
}

# --- processes -----------------------------------------------------------------------

running() {
    pid_in "$dir/rabbit.pid" beam >/dev/null
}

print_env() {
    echo "export NEUTRINO_TEST_RABBIT_URL=rabbit://$RABBIT_USER:$RABBIT_PASS@127.0.0.1:$amqp_port/"
    echo "export NEUTRINO_TEST_RABBIT_CTL=$self"
    echo "export NEUTRINO_TEST_RABBIT_DIR=$dir"
}

start_epmd() {
    if pid_in "$dir/epmd.pid" epmd >/dev/null; then
        return
    fi
    if port_open "$epmd_port"; then
        die "port $epmd_port (epmd) is taken by a process this script did not start; set NEUTRINO_RABBIT_EPMD_PORT"
    fi
    setsid epmd -port "$epmd_port" -address 127.0.0.1 </dev/null >"$dir/log/epmd.log" 2>&1 &
    echo $! >"$dir/epmd.pid"
}

start() {
    [[ -x "$RABBIT_BIN/rabbitmq-server" ]] ||
        die "rabbitmq-server is not installed (apt-get install -y rabbitmq-server)"
    if running; then
        log "node $node_name already runs (pid $(<"$dir/rabbit.pid"))"
        print_env
        return
    fi
    if port_open "$amqp_port"; then
        die "port $amqp_port is taken by a process this script did not start; set NEUTRINO_RABBIT_PORT"
    fi
    local started=$SECONDS
    write_config
    rm -f "$dir/rabbit.pid"
    start_epmd
    node_vars
    setsid env "${node_vars[@]}" "$RABBIT_BIN/rabbitmq-server" \
        </dev/null >>"$dir/log/server.out" 2>&1 &
    echo $! >"$dir/server.pid"
    local deadline=$((SECONDS + START_TIMEOUT_SECONDS))
    until running && port_open "$amqp_port"; do
        if ! kill -0 "$(<"$dir/server.pid")" 2>/dev/null; then
            tail -n 30 "$dir/log/server.out" >&2 || true
            stop_processes
            die "node $node_name exited during start; logs in $dir/log"
        fi
        if ((SECONDS >= deadline)); then
            stop_processes
            die "node $node_name did not accept connections within ${START_TIMEOUT_SECONDS}s; logs in $dir/log"
        fi
        sleep 0.2
    done
    log "node $node_name accepts connections on 127.0.0.1:$amqp_port after $((SECONDS - started))s"
    print_env
}

# stop_pid FILE NAME: TERM, then KILL after the timeout, the pid in FILE if its command is NAME
stop_pid() {
    local file=$1 name=$2 pid
    if pid=$(pid_in "$file" "$name"); then
        kill -TERM "$pid" 2>/dev/null || true
        if ! wait_exit "$pid" "$STOP_TIMEOUT_SECONDS"; then
            log "$name (pid $pid) ignored SIGTERM for ${STOP_TIMEOUT_SECONDS}s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
            wait_exit "$pid" "$STOP_TIMEOUT_SECONDS" || die "$name (pid $pid) survived SIGKILL"
        fi
    fi
    rm -f "$file"
}

stop_processes() {
    # The start wrapper turns SIGTERM into a clean shutdown of the Erlang VM and waits for it.
    stop_pid "$dir/server.pid" rabbitmq-server
    stop_pid "$dir/rabbit.pid" beam
    stop_pid "$dir/epmd.pid" epmd
}

stop() {
    local stopped=$SECONDS
    stop_processes
    log "node $node_name stopped in $((SECONDS - stopped))s"
}

# --- main ----------------------------------------------------------------------------

command_restart() {
    stop
    start
}

service_main NEUTRINO_TEST_RABBIT_DIR "$@"
