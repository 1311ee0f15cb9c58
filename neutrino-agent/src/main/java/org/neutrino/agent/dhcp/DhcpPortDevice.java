package org.neutrino.agent.dhcp;

import java.util.List;
import org.neutrino.lib.DeviceNames;

/**
 * The kernel side of one network's DHCP port, as the agent wants it: in namespace
 * {@code qdhcp-<network id>} a device {@code ns-<port11>} with the port's MAC and addresses,
 * whose veth peer {@code tap<port11>} stays in the host namespace for the L2 agent to plug.
 *
 * @param cidrs the port's addresses with their subnets' prefix lengths ({@code 10.0.0.2/24})
 * @param mtu   the network's MTU, or 0 when unknown (the kernel default is kept)
 */
public record DhcpPortDevice(String networkId, String portId, String mac, List<String> cidrs, int mtu) {
    /** The smallest MTU an IPv4 device may have. */
    static final int MIN_MTU = 68;

    public DhcpPortDevice {
        if (networkId == null || networkId.isBlank() || portId == null || portId.isBlank()) {
            throw new IllegalArgumentException("a DHCP port device needs a network and a port id");
        }
        if (mac == null || !mac.matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
            throw new IllegalArgumentException("not a lower-case MAC address: " + mac);
        }
        cidrs = List.copyOf(cidrs);
        for (String cidr : cidrs) {
            if (!cidr.contains("/")) {
                throw new IllegalArgumentException("not an address with prefix length: " + cidr);
            }
        }
        if (mtu != 0 && mtu < MIN_MTU) {
            throw new IllegalArgumentException("MTU below " + MIN_MTU + ": " + mtu);
        }
    }

    public String namespace() {
        return DeviceNames.dhcpNamespace(networkId);
    }

    /** The end inside the namespace: {@code ns-<port11>}. */
    public String interfaceName() {
        return DeviceNames.dhcpInterface(portId);
    }

    /** The end in the host namespace, plugged by the L2 agent: {@code tap<port11>}. */
    public String tapName() {
        return DeviceNames.tap(portId);
    }
}
