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
 * @param rules      rules of the filter table that name the port's device, with their counters
 * @param chains     the chains those rules jump to, with their own rule counts
 * @param namespaces the namespaces the agent looked for and found
 * @param dhcpHosts  the lines of the network's dnsmasq hosts file that name the port's MAC
 */
public record PortTrace(String host,
                        @JsonProperty("agent_type") String agentType,
                        List<Device> devices,
                        List<Rule> rules,
                        List<Chain> chains,
                        List<String> namespaces,
                        @JsonProperty("dhcp_hosts") List<String> dhcpHosts) {

    public PortTrace {
        devices = devices == null ? List.of() : List.copyOf(devices);
        rules = rules == null ? List.of() : List.copyOf(rules);
        chains = chains == null ? List.of() : List.copyOf(chains);
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        dhcpHosts = dhcpHosts == null ? List.of() : List.copyOf(dhcpHosts);
    }

    /**
     * One device as {@code ip -d -j link} and {@code ip -j address} show it.
     *
     * @param namespace null for the agent's host namespace
     * @param kind      {@code veth}, {@code bridge}, {@code vxlan}, ... (null for physical devices)
     * @param up        administratively up
     * @param master    the bridge it is a port of, or null
     * @param addresses its addresses, {@code address/prefixlen}
     * @param vni       the VNI of a VXLAN device
     * @param localIp   the local VTEP address of a VXLAN device
     * @param fdb       the forwarding entries of a VXLAN device that have a destination
     */
    public record Device(String name, String namespace, String kind, boolean up, String master, String mac,
                         List<String> addresses, Integer vni, @JsonProperty("local_ip") String localIp, List<Fdb> fdb) {
        public Device {
            addresses = addresses == null ? List.of() : List.copyOf(addresses);
            fdb = fdb == null ? List.of() : List.copyOf(fdb);
        }
    }

    /** A forwarding entry of a VXLAN device: frames for {@code mac} go to VTEP {@code dst}. */
    public record Fdb(String mac, String dst) {
    }

    /**
     * A rule of the filter table naming the port's device ({@code iptables-save -c}).
     *
     * @param chain   the chain holding the rule
     * @param target  what it jumps to
     * @param packets its packet counter
     * @param match   the rule's text after the chain name
     */
    public record Rule(String chain, String target, long packets, String match) {
    }

    /** A chain and how many rules it holds. */
    public record Chain(String name, int rules) {
    }
}
