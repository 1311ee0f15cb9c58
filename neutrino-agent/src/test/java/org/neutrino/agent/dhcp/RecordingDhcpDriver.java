package org.neutrino.agent.dhcp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.neutrino.linux.DhcpNetworkConfig;

/**
 * A {@link DhcpDriver} that models dnsmasq's contract (start when not running, restart when
 * the subnets or the interface change, otherwise reload) and records each decision as
 * {@code start|restart|reload|stop|disable <network>}, with the configurations it was given.
 */
final class RecordingDhcpDriver implements DhcpDriver {
    private final Map<String, DhcpNetworkConfig> running = new ConcurrentHashMap<>();
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private final List<DhcpNetworkConfig> enabled = new CopyOnWriteArrayList<>();

    /** A server already running {@code config}, as left by a previous agent. */
    void alreadyRunning(DhcpNetworkConfig config) {
        running.put(config.networkId(), config);
    }

    List<String> actions() {
        return List.copyOf(actions);
    }

    /** The configurations given to {@link #enable}, in order. */
    List<DhcpNetworkConfig> enabled() {
        return List.copyOf(enabled);
    }

    DhcpNetworkConfig lastEnabled() {
        return enabled.getLast();
    }

    @Override
    public void enable(DhcpNetworkConfig config) {
        enabled.add(config);
        DhcpNetworkConfig before = running.put(config.networkId(), config);
        String action;
        if (before == null) {
            action = "start";
        } else if (!before.subnets().equals(config.subnets()) || !before.interfaceName().equals(config.interfaceName())) {
            action = "restart";
        } else {
            action = "reload";
        }
        actions.add(action + " " + config.networkId());
    }

    @Override
    public void stop(String networkId) {
        running.remove(networkId);
        actions.add("stop " + networkId);
    }

    @Override
    public void disable(String networkId) {
        running.remove(networkId);
        actions.add("disable " + networkId);
    }

    @Override
    public boolean isRunning(String networkId) {
        return running.containsKey(networkId);
    }
}
