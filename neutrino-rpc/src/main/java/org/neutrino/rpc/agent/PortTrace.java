package org.neutrino.rpc.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What one agent sees in the kernel of its host for one port: the answer of {@code trace_port}
 * (see {@link AgentTopics}). Agents report facts only; the server compares them with the model
 * and gives each hop its verdict. A device, namespace or rule that is not there is absent from
 * the lists.
 *
 * @param host       the agent's host
 * @param agentType  the agent's type ({@link AgentTopics#LINUXBRIDGE_AGENT_TYPE}, ...)
 * @param devices    the devices the agent looked at (by name, in the namespace they live in)
 * @param rules      rules of the filter table that name the port's device (the nat rules naming a
 *                   floating address, for {@code trace_router}), with their counters
 * @param chains     the chains those rules jump to, with their own rule counts
 * @param namespaces the namespaces the agent looked for and found
 * @param dhcpHosts  the lines of the network's dnsmasq hosts file that name the port's MAC
 * @param routes     the routes of the namespace traced ({@code trace_router}: the router's)
 * @param probe      the answer of {@code probe_router}: the ping the agent sent, else null
 */
public record PortTrace(String host,
                        @JsonProperty("agent_type") String agentType,
                        List<Device> devices,
                        List<Rule> rules,
                        List<Chain> chains,
                        List<String> namespaces,
                        @JsonProperty("dhcp_hosts") List<String> dhcpHosts,
                        List<RouteEntry> routes,
                        Ping probe) {

    public PortTrace {
        devices = devices == null ? List.of() : List.copyOf(devices);
        rules = rules == null ? List.of() : List.copyOf(rules);
        chains = chains == null ? List.of() : List.copyOf(chains);
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        dhcpHosts = dhcpHosts == null ? List.of() : List.copyOf(dhcpHosts);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /** A trace without routes and without a probe (the L2 and DHCP agents' answers). */
    public PortTrace(String host, String agentType, List<Device> devices, List<Rule> rules, List<Chain> chains,
                     List<String> namespaces, List<String> dhcpHosts) {
        this(host, agentType, devices, rules, chains, namespaces, dhcpHosts, List.of(), null);
    }

    /**
     * One device as {@code ip -d -j link} and {@code ip -j address} show it.
     *
     * @param namespace  null for the agent's host namespace
     * @param kind       {@code veth}, {@code bridge}, {@code vxlan}, ... (null for physical devices)
     * @param up         administratively up
     * @param master     the bridge it is a port of, or null
     * @param addresses  its addresses, {@code address/prefixlen}
     * @param vni        the VNI of a VXLAN device
     * @param localIp    the local VTEP address of a VXLAN device
     * @param fdb        the forwarding entries of a VXLAN device that have a destination
     * @param ifindex    its interface index in its namespace
     * @param peer       for a veth in a namespace: the device of the host namespace whose ifindex is
     *                   this one's peer index ({@code ip -d link}'s {@code link-netnsid}/{@code @ifN}),
     *                   null when no host device has it
     * @param peerMaster the bridge that peer is a port of, or null
     * @param rxPackets  packets received ({@code ip -s link}), null when counters were not asked for
     * @param txPackets  packets sent, null when counters were not asked for
     */
    public record Device(String name, String namespace, String kind, boolean up, String master, String mac,
                         List<String> addresses, Integer vni, @JsonProperty("local_ip") String localIp, List<Fdb> fdb,
                         Integer ifindex, String peer, @JsonProperty("peer_master") String peerMaster,
                         @JsonProperty("rx_packets") Long rxPackets, @JsonProperty("tx_packets") Long txPackets) {
        public Device {
            addresses = addresses == null ? List.of() : List.copyOf(addresses);
            fdb = fdb == null ? List.of() : List.copyOf(fdb);
        }

        /** A device without index, peer or counters. */
        public Device(String name, String namespace, String kind, boolean up, String master, String mac,
                      List<String> addresses, Integer vni, String localIp, List<Fdb> fdb) {
            this(name, namespace, kind, up, master, mac, addresses, vni, localIp, fdb, null, null, null, null, null);
        }

        /** The packets it received and sent, or -1 when counters were not asked for. */
        public long packets() {
            return rxPackets == null || txPackets == null ? -1 : rxPackets + txPackets;
        }
    }

    /** A forwarding entry of a VXLAN device: frames for {@code mac} go to VTEP {@code dst}. */
    public record Fdb(String mac, String dst) {
    }

    /**
     * A rule naming the port's device ({@code iptables-save -c} / {@code ip6tables-save -c}).
     *
     * @param chain     the chain holding the rule
     * @param target    what it jumps to
     * @param packets   its packet counter
     * @param match     the rule's text after the chain name
     * @param ipVersion 4 ({@code iptables}) or 6 ({@code ip6tables})
     */
    public record Rule(String chain, String target, long packets, String match,
                       @JsonProperty("ip_version") int ipVersion) {
        public Rule {
            ipVersion = ipVersion == 0 ? 4 : ipVersion;
        }

        /** An IPv4 rule. */
        public Rule(String chain, String target, long packets, String match) {
            this(chain, target, packets, match, 4);
        }
    }

    /** A chain and how many rules it holds. */
    public record Chain(String name, int rules) {
    }

    /** A route of the main table: {@code destination} (a CIDR, {@code 0.0.0.0/0} for the default) via {@code gateway} on {@code device}. */
    public record RouteEntry(String destination, String gateway, String device) {
    }

    /**
     * The ping of a probe: from the agent's namespace to {@code destination}.
     *
     * @param namespace   where it was sent from
     * @param destination the address pinged
     * @param sent        echo requests sent
     * @param received    echo replies received
     */
    public record Ping(String namespace, String destination, int sent, int received) {
    }
}
