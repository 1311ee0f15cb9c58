#!/usr/bin/env bash
# The iptables firewall benchmark (run as root): bench/FirewallBench.java drives the iptables
# firewall driver of the Linux bridge agent in a throw-away host namespace <run>h (root_helper
# `ip netns exec <run>h`): PORTS ports in a group of RULES rules plus a default group, then a
# rule change, a membership change and a port removal. Prints a Markdown table (wall time,
# iptables/ip6tables-restore runs, processes spawned per step) and removes the namespace, with
# every chain and set in it, also on failure.
#
# Usage: bench/firewall-bench.sh [PORTS] [RULES]   (defaults 200, 1000)
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
root="$(cd "$here/.." && pwd)"
[[ $(id -u) == 0 ]] || { echo "firewall-bench.sh: run as root (it makes a namespace)" >&2; exit 2; }

# shellcheck source=lib/common.sh
source "$here/lib/common.sh"

ports="${1:-200}"
rules="${2:-1000}"
hostns="nfb$$h"
trap 'ip netns delete "$hostns" 2>/dev/null || true' EXIT
ip netns add "$hostns"

print_machine
"$JAVA_HOME/bin/java" -cp "$root/neutrino-dist/target/lib/*" "$here/FirewallBench.java" "$hostns" "$ports" "$rules"
echo "iptables rules in the host afterwards: $(ip netns exec "$hostns" iptables-save | grep -c '^-A')"
