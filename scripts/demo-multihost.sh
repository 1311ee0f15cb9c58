#!/usr/bin/env bash
# The multi-host demo (run as root): a controller and two compute hosts simulated as network
# namespaces on a management bridge, a RabbitMQ node, bin/neutrino-server, a Linux bridge agent
# per host and a DHCP agent on the controller, each a separate process like in a real cloud.
# Two VXLAN networks, four "VMs" (namespaces plugged with `bin/neutrino vif plug`) across both
# compute hosts get their addresses by DHCP and ping each other; the two networks cannot reach
# each other. Everything it made is removed at the end, also on failure or Ctrl-C.
#
# Usage: scripts/demo-multihost.sh [--keep]
#
#   --keep   leave the cloud running after the checks, until Enter is pressed, to explore it
#            (the script prints the commands to try)
#
# Names: namespaces demo-ctl, demo-cmp1, demo-cmp2 (hosts; management addresses 172.16.0.10-12
# on eth-mgmt, the VXLAN endpoints), demo-mgmt (the management bridge), vm-a1, vm-a2, vm-b1,
# vm-b2 (VMs), qdhcp-<network id> (made by the DHCP agent). The API listens on
# 127.0.0.1:${NEUTRINO_DEMO_PORT:-9696} (noauth), RabbitMQ on 127.0.0.1:5702. Needs: iproute2,
# dnsmasq-base, udhcpc, rabbitmq-server, python3-openstackclient, and ping or busybox.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
keep=
case "${1:-}" in --keep) keep=1 ;; "") ;; *) echo "usage: $0 [--keep]" >&2; exit 2 ;; esac
[[ $(id -u) == 0 ]] || { echo "demo-multihost.sh: run as root (it makes namespaces and devices)" >&2; exit 2; }
for tool in ip dnsmasq udhcpc openstack /usr/lib/rabbitmq/bin/rabbitmq-server; do
    command -v "$tool" >/dev/null || { echo "demo-multihost.sh: $tool is missing (see the usage for the Debian packages)" >&2; exit 2; }
done
ping=(ping)
command -v ping >/dev/null || ping=(busybox ping)
port=${NEUTRINO_DEMO_PORT:-9696}

hosts=(ctl cmp1 cmp2)
declare -A mgmt_ip=([ctl]=172.16.0.10 [cmp1]=172.16.0.11 [cmp2]=172.16.0.12)
vms=(vm-a1 vm-a2 vm-b1 vm-b2)
declare -A vm_net=([vm-a1]=net-a [vm-a2]=net-a [vm-b1]=net-b [vm-b2]=net-b)
declare -A vm_host=([vm-a1]=cmp1 [vm-a2]=cmp2 [vm-b1]=cmp1 [vm-b2]=cmp2)
for ns in demo-mgmt "${hosts[@]/#/demo-}" "${vms[@]}"; do
    if ip netns list | awk '{print $1}' | grep -qx "$ns"; then
        echo "demo-multihost.sh: namespace $ns exists already (a demo still running, or a leftover: ip netns delete $ns)" >&2
        exit 2
    fi
done
if (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
    echo "demo-multihost.sh: something listens on 127.0.0.1:$port already (NEUTRINO_DEMO_PORT=N for another port)" >&2
    exit 2
fi

work=$(mktemp -d /tmp/neutrino-demo.XXXXXX)
chmod 755 "$work"
pids=()
networks=()
rabbit_started=
export OS_AUTH_TYPE=none OS_ENDPOINT=http://127.0.0.1:$port

step() { printf '\n== %s\n' "$*"; }

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    step "cleaning up"
    if ((status != 0)); then
        for log in "$work"/*.log; do
            [[ -f "$log" ]] || continue
            echo "--- last lines of $(basename "$log") ---" >&2
            tail -n 10 "$log" >&2
        done
    fi
    # Deleting the networks while the DHCP agent runs lets it remove its namespaces and dnsmasqs.
    for net in "${networks[@]}"; do
        for port in $(openstack port list --network "$net" --device-owner compute:nova -f value -c ID 2>/dev/null); do
            openstack port delete "$port" >/dev/null 2>&1 || true
        done
        openstack network delete "$net" >/dev/null 2>&1 || true
    done
    ((${#networks[@]} == 0)) || sleep 3
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    for pidfile in "$work"/dhcp/dhcp/*/pid; do
        [[ -f "$pidfile" ]] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    [[ -n "$rabbit_started" ]] && "$root/scripts/lib/rabbitmq.sh" stop "$work/rabbit" >/dev/null 2>&1 || true
    for net in "${networks[@]}"; do ip netns delete "qdhcp-$net" 2>/dev/null || true; done
    for ns in "${vms[@]}" "${hosts[@]/#/demo-}" demo-mgmt; do
        ip netns delete "$ns" 2>/dev/null || true
        rm -rf "/etc/netns/$ns"
    done
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "hosts: namespaces on the management bridge demo-mgmt/br-mgmt"
ip netns add demo-mgmt
ip -n demo-mgmt link add br-mgmt type bridge
ip -n demo-mgmt link set br-mgmt up
for h in "${hosts[@]}"; do
    ip netns add "demo-$h"
    ip -n "demo-$h" link set lo up
    ip -n demo-mgmt link add "$h" type veth peer name eth-mgmt netns "demo-$h"
    ip -n demo-mgmt link set "$h" master br-mgmt up
    ip -n "demo-$h" addr add "${mgmt_ip[$h]}/24" dev eth-mgmt
    ip -n "demo-$h" link set eth-mgmt up
    echo "demo-$h: eth-mgmt ${mgmt_ip[$h]}"
done

step "RabbitMQ on 127.0.0.1:5702"
rabbit_env=$(NEUTRINO_RABBIT_PORT=5702 NEUTRINO_RABBIT_EPMD_PORT=4402 "$root/scripts/lib/rabbitmq.sh" start "$work/rabbit")
rabbit_started=1
eval "$rabbit_env"

step "neutrino-server on 127.0.0.1:$port (noauth, H2 under $work/server)"
cat >"$work/neutrino.conf" <<CONF
[DEFAULT]
auth_strategy = noauth
bind_host = 127.0.0.1
bind_port = $port
state_path = $work/server
transport_url = $NEUTRINO_TEST_RABBIT_URL
[ml2]
tenant_network_types = vxlan
mechanism_drivers = linuxbridge
[ml2_type_vxlan]
vni_ranges = 1000:1999
CONF
"$root/bin/neutrino-server" --config-file "$work/neutrino.conf" >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 150); do
    curl -fsS -o /dev/null "$OS_ENDPOINT/" 2>/dev/null && break
    kill -0 "${pids[0]}" 2>/dev/null || { echo "the server stopped" >&2; exit 1; }
    sleep 0.2
done

step "agents: a Linux bridge agent per host, the DHCP agent on demo-ctl"
for h in "${hosts[@]}"; do
    cat >"$work/linuxbridge-$h.ini" <<CONF
[DEFAULT]
host = demo-$h
transport_url = $NEUTRINO_TEST_RABBIT_URL
[AGENT]
root_helper = ip netns exec demo-$h
[vxlan]
enable_vxlan = true
local_ip = ${mgmt_ip[$h]}
l2_population = true
CONF
    "$root/bin/neutrino-linuxbridge-agent" --config-file "$work/linuxbridge-$h.ini" >"$work/l2-agent-$h.log" 2>&1 &
    pids+=($!)
done
cat >"$work/dhcp.ini" <<CONF
[DEFAULT]
host = demo-ctl
transport_url = $NEUTRINO_TEST_RABBIT_URL
state_path = $work/dhcp
interface_driver = linuxbridge
[AGENT]
root_helper = ip netns exec demo-ctl
CONF
"$root/bin/neutrino-dhcp-agent" --config-file "$work/dhcp.ini" >"$work/dhcp-agent.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 150); do
    alive=$(curl -fsS "$OS_ENDPOINT/v2.0/agents?alive=true&fields=id" 2>/dev/null | grep -o '"id"' | wc -l || true)
    ((alive >= 4)) && break
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "a process of the demo stopped" >&2; exit 1; }; done
    sleep 0.4
done
((alive >= 4)) || { echo "the agents did not register" >&2; exit 1; }
openstack network agent list -c "Agent Type" -c Host -c Alive -c Binary

step "networks: net-a 10.1.0.0/24 and net-b 10.2.0.0/24 (VXLAN)"
declare -A net_id
for n in a b; do
    net_id[net-$n]=$(openstack network create "net-$n" -f value -c id)
    networks+=("${net_id[net-$n]}")
    openstack subnet create --network "net-$n" --subnet-range "10.$([[ $n == a ]] && echo 1 || echo 2).0.0/24" "sub-$n" -f value -c id >/dev/null
done
openstack network list --long -c Name -c "Network Type" -c Subnets

step "VMs: a port each, plugged on its compute host with bin/neutrino vif plug"
declare -A vm_port vm_ip
for vm in "${vms[@]}"; do
    vm_port[$vm]=$(openstack port create --network "${vm_net[$vm]}" "$vm" -f value -c id)
    h=${vm_host[$vm]}
    "$root/bin/neutrino" vif plug "${vm_port[$vm]}" --netns "$vm" --host "demo-$h" \
        --root-helper "ip netns exec demo-$h" >/dev/null
    echo "$vm on demo-$h: port ${vm_port[$vm]}"
done

step "DHCP in every VM (udhcpc)"
for vm in "${vms[@]}"; do
    mkdir -p "/etc/netns/$vm"
    touch "/etc/netns/$vm/resolv.conf"   # else the DHCP client rewrites the machine's own
    ip netns exec "$vm" udhcpc -q -n -f -t 10 -T 1 -i eth0 >"$work/udhcpc-$vm.log" 2>&1 \
        || { cat "$work/udhcpc-$vm.log" >&2; echo "$vm got no DHCP lease" >&2; exit 1; }
    vm_ip[$vm]=$(ip -n "$vm" -4 -o addr show dev eth0 | awk '{print $4}' | cut -d/ -f1)
    echo "$vm: ${vm_ip[$vm]}"
done
openstack port list --long -c ID -c Name -c "Fixed IP Addresses" -c Status -c "Device Owner"

step "pings"
check() {
    local from=$1 to=$2 expect=$3
    if ip netns exec "$from" "${ping[@]}" -c 2 -W 1 "${vm_ip[$to]}" >/dev/null 2>&1; then
        result=reaches
    else
        result="does not reach"
    fi
    echo "$from (demo-${vm_host[$from]}) $result $to (demo-${vm_host[$to]}, ${vm_ip[$to]})"
    [[ $result == "$expect" ]] || { echo "expected: $expect" >&2; exit 1; }
}
check vm-a1 vm-a2 reaches
check vm-b2 vm-b1 reaches
check vm-a1 vm-b2 "does not reach"
check vm-b1 vm-a2 "does not reach"

step "what the hosts look like"
for h in cmp1 cmp2; do
    echo "demo-$h:"
    ip -n "demo-$h" -br link show | grep -E '^(brq|vxlan-|tap)' | sed 's/^/  /'
done
echo "demo-ctl: $(ip netns list | awk '{print $1}' | grep -cxF "$(printf 'qdhcp-%s\n' "${networks[@]}")") qdhcp namespaces, dnsmasq pids $(cat "$work"/dhcp/dhcp/*/pid 2>/dev/null | tr '\n' ' ')"

if [[ -n "$keep" ]]; then
    cat <<TRY

The cloud is running. In another shell (as root), try:
  export OS_AUTH_TYPE=none OS_ENDPOINT=http://127.0.0.1:$port
  openstack port list --long
  openstack port set --disable ${vm_port[vm-a2]}     # vm-a1 can no longer ping vm-a2
  ip netns exec vm-a1 ${ping[*]} ${vm_ip[vm-a2]}
  ip -n demo-cmp1 link; bridge -n demo-cmp1 fdb show | grep dst
  tail -f $work/l2-agent-cmp1.log
Press Enter to remove it all.
TRY
    read -r _
fi
