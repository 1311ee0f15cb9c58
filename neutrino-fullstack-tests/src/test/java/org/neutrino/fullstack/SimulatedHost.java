package org.neutrino.fullstack;

/**
 * A machine of the simulated cloud: a network namespace whose {@code eth-mgmt} sits on the
 * management network with {@code managementIp} (its VXLAN endpoint). Agents of the host run in
 * the root namespace with {@link #rootHelper()}, so their kernel work lands in the namespace.
 *
 * @param name         the host name agents report and ports are bound to; also the namespace's name
 * @param managementIp the address of {@code eth-mgmt}, without prefix length
 */
record SimulatedHost(String name, String managementIp) {
    /** The host's interface on the management network. */
    static final String MANAGEMENT_INTERFACE = "eth-mgmt";

    SimulatedHost {
        if (name == null || name.isBlank() || managementIp == null || managementIp.isBlank()) {
            throw new IllegalArgumentException("a host needs a name and a management address");
        }
    }

    /** The namespace standing for the machine. */
    String namespace() {
        return name;
    }

    /** {@code [AGENT] root_helper} of an agent of this host. */
    String rootHelper() {
        return "ip netns exec " + name;
    }
}
