# Shared by the scripts of scripts/lib that run a private service for tests (postgres.sh,
# keystone.sh, rabbitmq.sh): messages, process and port checks, and the command line
# `SCRIPT COMMAND [DIR] [ARGS...]`. Source it; the script defines load_settings DIR, usage,
# start, stop, print_env and running, and calls service_main last.
# shellcheck shell=bash

log() { echo "${0##*/}: $*" >&2; }
die() { log "$*"; exit 1; }

# alive PID: the process exists and is not a zombie waiting for init to reap it
alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ "${stat:0:1}" != Z ]]
}

port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pid_in FILE NAME: prints the pid on the first line of FILE when that process is alive and its
# command starts with NAME; 1 otherwise
pid_in() {
    local file=$1 name=$2 pid
    [[ -f "$file" ]] || return 1
    pid=$(head -n 1 "$file" | tr -d '[:space:]')
    [[ -n "$pid" && -r "/proc/$pid/comm" ]] || return 1
    [[ "$(<"/proc/$pid/comm")" == "$name"* ]] && alive "$pid" || return 1
    echo "$pid"
}

# wait_exit PID SECONDS: waits until PID has exited, at most SECONDS; 1 if it has not
wait_exit() {
    local pid=$1 deadline=$((SECONDS + $2))
    while alive "$pid"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.05
    done
}

# service_main DIR_VARIABLE COMMAND [DIR] [ARGS...]: load_settings DIR (when DIR is not given,
# the value of the variable named DIR_VARIABLE), then COMMAND: start, stop, env, status, or
# one more the script defines as a function command_COMMAND, called with ARGS.
service_main() {
    local variable=$1
    shift
    [[ $# -ge 1 ]] || usage
    local command=$1 target=${2:-${!variable:-}}
    [[ -n "$target" ]] || die "no DIR given and $variable is not set"
    load_settings "$target"
    shift $(($# >= 2 ? 2 : 1))
    case "$command" in
        start) start ;;
        stop) stop ;;
        env) print_env ;;
        status) running ;;
        *)
            declare -F "command_$command" >/dev/null || usage
            "command_$command" "$@"
            ;;
    esac
}
