package org.neutrino.agent.dhcp;

import org.neutrino.linux.DhcpNetworkConfig;

/**
 * The DHCP server of each network, as Neutron's {@code DhcpBase}: the agent tells it what to
 * serve and when to stop. Implementations must be thread-safe across networks; the agent
 * never works on one network from two threads at once.
 */
public interface DhcpDriver {

    /**
     * Serves {@code config} in the network's {@code qdhcp-} namespace: starts the server if it
     * is not running, restarts it when its subnets or interface changed, and otherwise makes it
     * re-read its hosts and options without interruption.
     */
    void enable(DhcpNetworkConfig config);

    /** Stops the network's server, keeping its files; nothing when it does not run. */
    void stop(String networkId);

    /** Stops the network's server and removes its files (its whole state directory). */
    void disable(String networkId);

    /** Whether the network's server is running. */
    boolean isRunning(String networkId);
}
