#!/usr/bin/env bash
# The floating-IP demo (run as root): the reference scenario on bin/neutrino-all-in-one, with the
# "host" a network namespace (root_helper = ip netns exec fip-host). A flat provider network on
# the host's veth fip-ext whose peer is in the namespace fip-out (203.0.113.1/24, the upstream
# router), a VXLAN project network selfservice 172.16.1.0/24, a router between them, a security
# group allowing ICMP and TCP 22, an instance (the namespace fip-vm, plugged with
# `bin/neutrino vif plug`, its address by DHCP) and a floating IP on its port. From fip-out it
# pings the floating IP, opens TCP 22 (a socat listener in the instance) and checks that TCP 23
# is not let in. Everything it made is removed at the end, also on failure or Ctrl-C.
#
# Usage: scripts/demo-floating-ip.sh [--keep]
#
#   --keep   leave the cloud running after the checks, until Enter is pressed, to explore it
#
# Names: namespaces fip-host, fip-out, fip-vm, and in fip-host the agents' qrouter-<router> and
# qdhcp-<network>. The API listens on 127.0.0.1:${NEUTRINO_DEMO_PORT:-9797} (noauth). Needs:
# iproute2, iptables, ipset, dnsmasq-base, udhcpc, socat, python3-openstackclient, and ping or
# busybox.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
keep=
case "${1:-}" in --keep) keep=1 ;; "") ;; *) echo "usage: $0 [--keep]" >&2; exit 2 ;; esac
[[ $(id -u) == 0 ]] || { echo "demo-floating-ip.sh: run as root (it makes namespaces and devices)" >&2; exit 2; }
for tool in ip iptables ipset dnsmasq udhcpc socat openstack; do
    command -v "$tool" >/dev/null || { echo "demo-floating-ip.sh: $tool is missing (see the usage for the Debian packages)" >&2; exit 2; }
done
ping=(ping)
command -v ping >/dev/null || ping=(busybox ping)
port=${NEUTRINO_DEMO_PORT:-9797}
namespaces=(fip-host fip-out fip-vm)
for ns in "${namespaces[@]}"; do
    if ip netns list | awk '{print $1}' | grep -qx "$ns"; then
        echo "demo-floating-ip.sh: namespace $ns exists already (a demo still running, or a leftover: ip netns delete $ns)" >&2
        exit 2
    fi
done
if (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
    echo "demo-floating-ip.sh: something listens on 127.0.0.1:$port already" >&2
    exit 2
fi

work=$(mktemp -d /tmp/neutrino-fip-demo.XXXXXX)
chmod 755 "$work"
aio=
made=
export OS_AUTH_TYPE=none OS_ENDPOINT=http://127.0.0.1:$port

step() { printf '\n== %s\n' "$*"; }

cleanup() {
    local status=$?
    trap - EXIT
    trap '' INT TERM   # a second Ctrl-C or SIGTERM does not cut the removal short
    step "cleaning up"
    if ((status != 0)) && [[ -f "$work/all-in-one.log" ]]; then
        echo "--- last lines of all-in-one.log ---" >&2
        tail -n 30 "$work/all-in-one.log" >&2
    fi
    if [[ -n "$made" ]]; then
        # Deleting through the API while the agents run lets them remove their namespaces,
        # dnsmasq and iptables rules.
        openstack floating ip delete 203.0.113.50 >/dev/null 2>&1 || true
        openstack router remove subnet router selfservice-v4 >/dev/null 2>&1 || true
        openstack router delete router >/dev/null 2>&1 || true
        openstack port delete instance >/dev/null 2>&1 || true
        openstack network delete selfservice provider >/dev/null 2>&1 || true
        openstack security group delete demo-web >/dev/null 2>&1 || true
        sleep 3
    fi
    if [[ -n "$aio" ]]; then
        kill "$aio" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$aio" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$aio" 2>/dev/null || true
    fi
    for pidfile in "$work"/state/dhcp/*/pid; do
        [[ -f "$pidfile" ]] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    # The agents' namespaces are in the machine's list of namespaces: only those made here
    # (their names carry ids of this run's cloud, which is gone now) are left to remove.
    for ns in $(ip netns list | awk '{print $1}' | grep -E '^(qrouter|qdhcp)-' || true); do
        if grep -qs "$ns" "$work/namespaces"; then ip netns delete "$ns" 2>/dev/null || true; fi
    done
    for ns in fip-vm fip-out fip-host; do
        ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
        ip netns delete "$ns" 2>/dev/null || true
        rm -rf "/etc/netns/$ns"
    done
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "the host fip-host and the upstream router fip-out (203.0.113.1/24 on the other end of fip-ext)"
ip netns add fip-host
ip -n fip-host link set lo up
ip netns add fip-out
ip -n fip-out link set lo up
ip -n fip-host link add fip-ext type veth peer name eth0 netns fip-out
ip -n fip-host link set fip-ext up
ip -n fip-out addr add 203.0.113.1/24 dev eth0
ip -n fip-out link set eth0 up
# the VXLAN endpoint of the host
ip -n fip-host link add fip-m0 type veth peer name fip-m1
ip -n fip-host addr add 172.16.0.1/24 dev fip-m0
ip -n fip-host link set fip-m0 up
ip -n fip-host link set fip-m1 up

step "neutrino-all-in-one on 127.0.0.1:$port (noauth, router plugin, iptables firewall)"
cat >"$work/aio.conf" <<CONF
[DEFAULT]
auth_strategy = noauth
bind_host = 127.0.0.1
bind_port = $port
state_path = $work/state
host = fip-host
service_plugins = router
[AGENT]
root_helper = ip netns exec fip-host
[ml2]
tenant_network_types = vxlan
[ml2_type_flat]
flat_networks = provider
[ml2_type_vxlan]
vni_ranges = 100:199
[linux_bridge]
physical_interface_mappings = provider:fip-ext
[vxlan]
local_ip = 172.16.0.1
[securitygroup]
firewall_driver = iptables
CONF
"$root/bin/neutrino-all-in-one" --config-file "$work/aio.conf" >"$work/all-in-one.log" 2>&1 &
aio=$!
for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "$OS_ENDPOINT/" 2>/dev/null && break
    kill -0 "$aio" 2>/dev/null || { echo "the all-in-one stopped" >&2; exit 1; }
    sleep 0.2
done
for _ in $(seq 1 100); do
    alive=$(curl -fsS "$OS_ENDPOINT/v2.0/agents?alive=true&fields=id" 2>/dev/null | grep -o '"id"' | wc -l || true)
    ((alive >= 3)) && break
    sleep 0.2
done
((alive >= 3)) || { echo "the agents did not register" >&2; exit 1; }
openstack network agent list -c "Agent Type" -c Host -c Alive
made=1

step "provider network (flat, external) and its subnet 203.0.113.0/24"
openstack network create --external --provider-network-type flat \
    --provider-physical-network provider provider -f value -c id >/dev/null
openstack subnet create --network provider --subnet-range 203.0.113.0/24 --gateway 203.0.113.1 \
    --allocation-pool start=203.0.113.101,end=203.0.113.200 --no-dhcp provider-v4 -f value -c id >/dev/null

step "project network selfservice 172.16.1.0/24 (VXLAN)"
openstack network create selfservice -f value -c id >/dev/null
openstack subnet create --network selfservice --subnet-range 172.16.1.0/24 \
    --dns-nameserver 203.0.113.1 selfservice-v4 -f value -c id >/dev/null
openstack network list --long -c Name -c "Network Type" -c "Router Type" -c Subnets

step "router: gateway on provider, interface on selfservice"
router_id=$(openstack router create router -f value -c id)
openstack router set --external-gateway provider router
openstack router add subnet router selfservice-v4
openstack router show router -c external_gateway_info -f value
echo "qrouter-$router_id" >>"$work/namespaces"

step "security group demo-web: ICMP and TCP 22 in"
openstack security group create demo-web -f value -c id >/dev/null
openstack security group rule create --proto icmp demo-web -f value -c id >/dev/null
openstack security group rule create --proto tcp --dst-port 22 demo-web -f value -c id >/dev/null

step "instance fip-vm: a port, plugged with bin/neutrino vif plug, DHCP"
port_id=$(openstack port create --network selfservice --security-group demo-web instance -f value -c id)
echo "qdhcp-$(openstack network show selfservice -f value -c id)" >>"$work/namespaces"
"$root/bin/neutrino" vif plug "$port_id" --netns fip-vm --host fip-host \
    --root-helper "ip netns exec fip-host" >/dev/null
mkdir -p /etc/netns/fip-vm
touch /etc/netns/fip-vm/resolv.conf   # else the DHCP client rewrites the machine's own
ip netns exec fip-vm udhcpc -q -n -f -t 10 -T 1 -i eth0 >"$work/udhcpc.log" 2>&1 \
    || { cat "$work/udhcpc.log" >&2; echo "fip-vm got no DHCP lease" >&2; exit 1; }
vm_ip=$(ip -n fip-vm -4 -o addr show dev eth0 | awk '{print $4}' | cut -d/ -f1)
echo "fip-vm: $vm_ip, default via $(ip -n fip-vm -4 route show default | awk '{print $3}')"

step "floating IP 203.0.113.50 on the instance's port"
openstack floating ip create --floating-ip-address 203.0.113.50 --port instance provider \
    -c floating_ip_address -c fixed_ip_address -c status -f value | tr '\n' ' '
echo
# a listener on TCP 22 in the instance, none on TCP 23
ip netns exec fip-vm socat TCP-LISTEN:22,reuseaddr,fork SYSTEM:'echo hello from fip-vm' \
    >"$work/socat.log" 2>&1 &
ip netns exec fip-vm socat TCP-LISTEN:23,reuseaddr,fork SYSTEM:'echo telnet' \
    >"$work/socat23.log" 2>&1 &

step "from outside (fip-out)"
reached=
for _ in $(seq 1 30); do
    if ip netns exec fip-out "${ping[@]}" -c 1 -W 1 203.0.113.50 >/dev/null 2>&1; then reached=1; break; fi
done
[[ -n "$reached" ]] || { echo "fip-out cannot ping the floating IP 203.0.113.50" >&2; exit 1; }
ip netns exec fip-out "${ping[@]}" -c 3 203.0.113.50
answer=$(ip netns exec fip-out socat -T 3 - TCP:203.0.113.50:22,connect-timeout=3 </dev/null 2>&1) \
    || { echo "TCP 22 to 203.0.113.50 did not open: $answer" >&2; exit 1; }
echo "TCP 22 to 203.0.113.50 opens: $answer"
if answer=$(ip netns exec fip-out socat -T 3 - TCP:203.0.113.50:23,connect-timeout=3 </dev/null 2>&1); then
    echo "TCP 23 to 203.0.113.50 opened, but the security group does not allow it: $answer" >&2
    exit 1
fi
echo "TCP 23 to 203.0.113.50 does not open (the security group drops it; a listener runs there)"

step "what the host looks like"
echo "fip-host namespaces: $(ip netns list | awk '{print $1}' | grep -F -x -f "$work/namespaces" | tr '\n' ' ')"
ip -n fip-host -br link show | grep -E '^(brq|vxlan-|tap|fip-ext)' | sed 's/^/  /'
echo "qrouter-$router_id:"
ip netns exec "qrouter-$router_id" ip -br addr show | grep -E '^(qr-|qg-)' | sed 's/^/  /'
ip netns exec "qrouter-$router_id" iptables -t nat -S | grep -E 'DNAT|SNAT' | sed 's/^/  /'

if [[ -n "$keep" ]]; then
    cat <<TRY

The cloud is running. In another shell (as root), try:
  export OS_AUTH_TYPE=none OS_ENDPOINT=$OS_ENDPOINT
  openstack floating ip list; openstack router show router
  ip netns exec fip-out ${ping[*]} 203.0.113.50
  ip netns exec qrouter-$router_id iptables -t nat -S
  tail -f $work/all-in-one.log
Press Enter to remove it all.
TRY
    read -r _
fi
