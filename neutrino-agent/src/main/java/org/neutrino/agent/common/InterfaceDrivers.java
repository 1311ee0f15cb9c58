package org.neutrino.agent.common;

import java.util.HashSet;
import java.util.Set;
import org.neutrino.lib.config.Opt;

/**
 * The names {@code [DEFAULT] interface_driver} accepts (DHCP and L3 agents): Neutron's Linux bridge
 * driver (a veth pair whose {@code tap} end the L2 agent puts into the network's bridge), the only
 * one implemented, and the Open vSwitch driver, recognised to be refused with a clear message.
 */
public final class InterfaceDrivers {
    private InterfaceDrivers() {
    }

    public static final Set<String> LINUXBRIDGE = Set.of("linuxbridge",
            "neutron.agent.linux.interface.BridgeInterfaceDriver");
    public static final Set<String> OPENVSWITCH = Set.of("openvswitch",
            "neutron.agent.linux.interface.OVSInterfaceDriver");

    /** {@code [DEFAULT] interface_driver}, one option shared by the DHCP and L3 agents. */
    public static final Opt<String> OPTION = Opt.choice("DEFAULT", "interface_driver", "linuxbridge", all(),
            "How the agent's ports (DHCP ports, router ports) are plugged: linuxbridge (a veth pair whose tap end "
                    + "the L2 agent puts into the network's bridge). openvswitch is accepted by name but not "
                    + "implemented.");

    /** Every name the option accepts. */
    public static Set<String> all() {
        Set<String> all = new HashSet<>(LINUXBRIDGE);
        all.addAll(OPENVSWITCH);
        return Set.copyOf(all);
    }

    /**
     * Checks a configured driver name.
     *
     * @throws IllegalArgumentException for the Open vSwitch driver or an unknown name
     */
    public static void requireImplemented(String driver, String agent) {
        if (OPENVSWITCH.contains(driver)) {
            throw new IllegalArgumentException("interface_driver " + driver + " is not implemented by the Neutrino "
                    + agent + ": use linuxbridge");
        }
        if (!LINUXBRIDGE.contains(driver)) {
            throw new IllegalArgumentException("unknown interface_driver " + driver);
        }
    }
}
