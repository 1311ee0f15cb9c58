package org.neutrino.agent.dhcp;

import java.nio.file.Path;
import org.neutrino.linux.DhcpNetworkConfig;
import org.neutrino.linux.Dnsmasq;
import org.neutrino.linux.DnsmasqSettings;
import org.neutrino.linux.Executor;

/**
 * {@link DhcpDriver} with one {@link Dnsmasq} per network, whose files live in
 * {@code <state root>/<network id>/}. A {@link Dnsmasq} keeps no state of its own (the pid
 * file is the truth), so one is made per call.
 */
public final class DnsmasqDriver implements DhcpDriver {
    private final Executor executor;
    private final Path stateRoot;
    private final DnsmasqSettings settings;

    public DnsmasqDriver(Executor executor, Path stateRoot, DnsmasqSettings settings) {
        this.executor = executor;
        this.stateRoot = stateRoot;
        this.settings = settings;
    }

    @Override
    public void enable(DhcpNetworkConfig config) {
        dnsmasq(config.networkId()).enable(config);
    }

    @Override
    public void stop(String networkId) {
        dnsmasq(networkId).stop();
    }

    @Override
    public void disable(String networkId) {
        dnsmasq(networkId).disable();
    }

    @Override
    public boolean isRunning(String networkId) {
        return dnsmasq(networkId).isRunning();
    }

    private Dnsmasq dnsmasq(String networkId) {
        return new Dnsmasq(executor, stateRoot, settings, networkId);
    }
}
