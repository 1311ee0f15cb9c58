#!/usr/bin/env bash
# The Neutrino agent benchmark (run as root): one simulated compute host, a private RabbitMQ
# node, bin/neutrino-server (H2, noauth, VXLAN project networks) and
# bin/neutrino-linuxbridge-agent as separate processes, then bench/AgentBench.java measures
# plug-to-ACTIVE times, the agent's passes and a restart's resync. Prints Markdown tables and
# removes everything it made (namespaces, processes, files), also on failure.
#
# Usage: bench/agent-bench.sh [--single N] [--burst N] [--total N]   (defaults 20, 200, 500)
#
# The host is the network namespace <run>h (root_helper `ip netns exec <run>h`) with a veth
# whose address 172.16.250.1 is the agent's VXLAN local_ip; `vif plug` machines are the
# namespaces <run>v0, <run>v1, ... The broker listens on 127.0.0.1:$NEUTRINO_BENCH_RABBIT_PORT
# (default 5692, its epmd on 4392).
#
# Environment: NEUTRINO_JAVA_OPTS (JVM options of server and agent), JAVA_HOME (a JDK >= 21).
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
root="$(cd "$here/.." && pwd)"
[[ $(id -u) == 0 ]] || { echo "agent-bench.sh: run as root (it makes namespaces and devices)" >&2; exit 2; }

# shellcheck source=lib/common.sh
source "$here/lib/common.sh"

run="nab$$"
hostns="${run}h"
work=$(mktemp -d /tmp/neutrino-agent-bench.XXXXXX)
chmod 755 "$work"
server_pid=
rabbit_started=
cleanup() {
    local status=$?
    if ((status != 0)); then
        for log in server agent; do
            [[ -f "$work/$log.log" ]] || continue
            echo "--- last lines of the $log log ---" >&2
            tail -n 20 "$work/$log.log" >&2
        done
    fi
    [[ -f "$work/agent.pid" ]] && stop_pid "$(cat "$work/agent.pid")"
    [[ -n "$server_pid" ]] && stop_pid "$server_pid"
    [[ -n "$rabbit_started" ]] && "$root/scripts/lib/rabbitmq.sh" stop "$work/rabbit" >/dev/null 2>&1 || true
    for ns in $(ip netns list | awk '{print $1}' | grep -E "^${run}(h|v[0-9]+)$" || true); do
        ip netns delete "$ns" || true
    done
    rm -rf "$work"
}
stop_pid() {
    kill "$1" 2>/dev/null || return 0
    for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$1" 2>/dev/null || true
}
trap cleanup EXIT

ip netns add "$hostns"
ip -n "$hostns" link set lo up
ip -n "$hostns" link add vtep0 type veth peer name vtep1
ip -n "$hostns" addr add 172.16.250.1/24 dev vtep0
ip -n "$hostns" link set vtep0 up
ip -n "$hostns" link set vtep1 up

rabbit_env=$(NEUTRINO_RABBIT_PORT=${NEUTRINO_BENCH_RABBIT_PORT:-5692} NEUTRINO_RABBIT_EPMD_PORT=4392 \
    "$root/scripts/lib/rabbitmq.sh" start "$work/rabbit")
rabbit_started=1
eval "$rabbit_env"

port=$(free_loopback_port)
{
    server_defaults "$port" "$work/server"
    cat <<CONF
transport_url = $NEUTRINO_TEST_RABBIT_URL
[ml2]
type_drivers = local,flat,vxlan
tenant_network_types = vxlan
mechanism_drivers = linuxbridge
[ml2_type_vxlan]
vni_ranges = 1001:2000
CONF
    unlimited_quotas
} >"$work/neutrino.conf"
cat >"$work/linuxbridge_agent.ini" <<CONF
[DEFAULT]
host = $hostns
transport_url = $NEUTRINO_TEST_RABBIT_URL
[AGENT]
root_helper = ip netns exec $hostns
[securitygroup]
firewall_driver = noop
[vxlan]
enable_vxlan = true
local_ip = 172.16.250.1
l2_population = true
CONF
mkdir -p "$work/server"

# Starts the agent in the background (its pid in agent.pid); the restart script does it again.
cat >"$work/start-agent" <<SCRIPT
#!/usr/bin/env bash
"$root/bin/neutrino-linuxbridge-agent" --config-file "$work/linuxbridge_agent.ini" >>"$work/agent.log" 2>&1 &
echo \$! >"$work/agent.pid"
SCRIPT
cat >"$work/restart-agent" <<SCRIPT
#!/usr/bin/env bash
pid=\$(cat "$work/agent.pid")
kill "\$pid"
while kill -0 "\$pid" 2>/dev/null; do sleep 0.02; done
exec "$work/start-agent"
SCRIPT
chmod +x "$work/start-agent" "$work/restart-agent"

"$root/bin/neutrino-server" --config-file "$work/neutrino.conf" >"$work/server.log" 2>&1 &
server_pid=$!
touch "$work/agent.log"
"$work/start-agent"
for _ in $(seq 1 300); do
    if curl -fsS "http://127.0.0.1:$port/v2.0/agents?host=$hostns&alive=true" 2>/dev/null | grep -q '"alive": *true'; then
        break
    fi
    kill -0 "$server_pid" 2>/dev/null || { echo "the server did not start" >&2; exit 1; }
    kill -0 "$(cat "$work/agent.pid")" 2>/dev/null || { echo "the agent did not start" >&2; exit 1; }
    sleep 0.2
done
grep -q "full resync" "$work/agent.log" || sleep 2

echo "# Neutrino agent benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
print_machine
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$JAVA_HOME/bin/java" "$here/AgentBench.java" --url "http://127.0.0.1:$port" --host "$hostns" \
    --vm-prefix "${run}v" --neutrino "$root/bin/neutrino" --agent-log "$work/agent.log" \
    --restart-agent "$work/restart-agent" "$@"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for log in server agent; do
    if grep -q ' ERROR ' "$work/$log.log"; then
        echo "$log errors:" >&2
        grep -A5 ' ERROR ' "$work/$log.log" | head -40 >&2
        exit 1
    fi
done
