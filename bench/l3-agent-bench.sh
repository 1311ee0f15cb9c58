#!/usr/bin/env bash
# The Neutrino L3 agent benchmark (run as root): a host simulated as a network namespace, the real
# L3 agent driven by bench/L3AgentBench.java from hand-built sync_routers answers (no server, no
# broker): a full sync of 100 routers with 500 floating IPs from nothing, the same after a restart,
# one floating IP added, and the removal of every router. Prints a Markdown table with times and
# processes spawned, and removes everything it made (namespaces, files), also on failure.
#
# Usage: bench/l3-agent-bench.sh [--routers N] [--floating-ips N]   (defaults 100, 500)
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
root="$(cd "$here/.." && pwd)"
[[ $(id -u) == 0 ]] || { echo "l3-agent-bench.sh: run as root (it makes namespaces and devices)" >&2; exit 2; }

# shellcheck source=lib/common.sh
source "$here/lib/common.sh"

run="l3b$$"
hostns="${run}h"
work=$(mktemp -d /tmp/neutrino-l3-bench.XXXXXX)
cleanup() {
    # the routers' namespaces carry the run's prefix in their ids
    for ns in $(ip netns list | awk '{print $1}' | grep -E "^(qrouter-${run}|${hostns}$)" || true); do
        ip netns delete "$ns" || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$hostns"
ip -n "$hostns" link set lo up

echo "# Neutrino L3 agent benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
print_machine
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$JAVA_HOME/bin/java" ${NEUTRINO_JAVA_OPTS:-} -cp "$root/neutrino-dist/target/lib/*" "$here/L3AgentBench.java" \
    --host "$hostns" --state "$work/state" "$@"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
