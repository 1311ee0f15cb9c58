#!/usr/bin/env bash
# The neutrino CLI benchmark: wall and CPU time of whole `bin/neutrino` processes against a real
# neutrino-server (noauth, H2, started for the run): a list through the fast path (`port-list`),
# the hand-written `port list`, a show by name (one lookup + one GET), and — as root —
# `vif plug` + `vif unplug` of a port into a VM namespace beside a host namespace (both named with
# a per-run prefix and removed at the end). The `openstack` CLI's `port list` is timed too when it
# is installed. Prints a Markdown table of medians (and min/max) over N runs after one warm-up.
#
# Usage: bench/cli-bench.sh [RUNS]        (default 10)
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs=${1:-10}
# shellcheck source=lib/common.sh
source "$here/lib/common.sh"

work=$(mktemp -d /tmp/neutrino-cli-bench.XXXXXX)
prefix="nb$$"
server_pid=
cleanup() {
    ip netns del "$prefix-vm" 2>/dev/null || true
    ip netns del "$prefix-host" 2>/dev/null || true
    rm -rf "/etc/netns/$prefix-vm"
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

port=$(free_loopback_port)
{ server_defaults "$port" "$work/state"; unlimited_quotas; } >"$work/neutrino.conf"
mkdir -p "$work/state"
NEUTRINO_JAVA_OPTS="-Dneutrino.log.level=WARN" "$root/bin/neutrino-server" --config-file "$work/neutrino.conf" \
    >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then break; fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; echo "server did not start" >&2; exit 1; }
    sleep 0.2
done
export OS_AUTH_TYPE=none OS_ENDPOINT="http://127.0.0.1:$port"
neutrino="$root/bin/neutrino"

"$neutrino" net-create bench-net -f value -c id >/dev/null
"$neutrino" subnet-create bench-net 10.99.0.0/24 --name bench-subnet -f value -c id >/dev/null
for i in $(seq 1 20); do "$neutrino" port-create bench-net --name "bench-port$i" -f value -c id >/dev/null; done
vif_port=$("$neutrino" port-create bench-net --name bench-vif -f value -c id)
# the first run after a build makes the AOT cache in the background: wait for it
for _ in $(seq 1 120); do
    [[ -f "$root/neutrino-dist/target/neutrino-cli.aot" && ! -d "$root/neutrino-dist/target/neutrino-cli.aot.lock" ]] && break
    sleep 1
done

# time_runs LABEL COMMAND...: one warm-up, then $runs runs; prints a table row of medians
time_runs() {
    local label=$1
    shift
    "$@" >/dev/null 2>&1 || true
    local times="$work/times"
    : >"$times"
    for _ in $(seq 1 "$runs"); do
        /usr/bin/time -f "%e %U %S" -a -o "$times" "$@" >/dev/null 2>&1 || true
    done
    python3 - "$label" "$times" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[2]) if len(l.split()) == 3 and l[0].isdigit()]
wall = [r[0] for r in rows]
cpu = [r[1] + r[2] for r in rows]
ms = lambda v: f"{v * 1000:.0f}"
print(f"| {sys.argv[1]} | {ms(statistics.median(wall))} ({ms(min(wall))}–{ms(max(wall))}) | {ms(statistics.median(cpu))} | {len(rows)} |")
PY
}

echo "# neutrino CLI benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
print_machine
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| command (whole process) | wall ms, median (min–max) | CPU ms (user+sys), median | runs |"
echo "|---|---|---|---|"
time_runs '`neutrino port-list` (21 ports, fast path)' "$neutrino" port-list
time_runs '`neutrino port list` (hand-written, fast path)' "$neutrino" port list
time_runs '`neutrino net-show bench-net` (name lookup + GET)' "$neutrino" net-show bench-net
if [[ $(id -u) == 0 ]] && command -v ip >/dev/null; then
    ip netns add "$prefix-host"
    ip netns exec "$prefix-host" ip link set lo up
    # the warm-up plugs; the counted runs find it plugged (GETs and a look at the host only)
    time_runs '`neutrino vif plug` of a plugged port (no change)' "$neutrino" vif plug "$vif_port" \
        --netns "$prefix-vm" --host bench-host --root-helper "ip netns exec $prefix-host"
    "$neutrino" vif unplug "$vif_port" --netns "$prefix-vm" --delete-netns --root-helper "ip netns exec $prefix-host" >/dev/null
    time_runs '`neutrino vif plug` + `vif unplug --delete-netns` (2 processes, a veth and a namespace made and removed)' bash -c '"$0" vif plug "$1" --netns "$2-vm" --host bench-host --root-helper "ip netns exec $2-host" && "$0" vif unplug "$1" --netns "$2-vm" --delete-netns --root-helper "ip netns exec $2-host"' "$neutrino" "$vif_port" "$prefix"
fi
if command -v openstack >/dev/null; then
    time_runs '`openstack port list` (for comparison)' openstack --os-auth-type none --os-endpoint "$OS_ENDPOINT" port list
fi
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
