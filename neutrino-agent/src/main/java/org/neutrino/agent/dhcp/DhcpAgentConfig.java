package org.neutrino.agent.dhcp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.neutrino.agent.common.AgentOptions;
import org.neutrino.agent.common.InterfaceDrivers;
import org.neutrino.agent.metadata.MetadataOptions;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.ConfigException;
import org.neutrino.linux.DnsmasqSettings;

/**
 * The DHCP agent's settings, read from its options ({@link DhcpAgentOptions}).
 *
 * @param host             the host this agent serves ({@code [DEFAULT] host})
 * @param statePath        {@code [DEFAULT] state_path}; the agent keeps one directory per network
 *                         under {@code <state_path>/dhcp}
 * @param dnsmasq          lease duration, DNS domain, lease maximum
 * @param resyncInterval   how often failed networks are retried ({@code resync_interval})
 * @param reportInterval   heartbeat period ({@code [AGENT] report_interval})
 * @param rpcTimeout       timeout of a call to the server ({@code rpc_response_timeout})
 * @param numSyncThreads   how many networks are synchronised at once
 * @param interfaceDriver  {@code linuxbridge}, the only driver implemented
 * @param availabilityZone the zone the agent reports ({@code [AGENT] availability_zone})
 * @param metadata         the metadata served from the DHCP namespaces, empty when
 *                         {@code enable_isolated_metadata} and {@code force_metadata} are false
 */
public record DhcpAgentConfig(String host, Path statePath, DnsmasqSettings dnsmasq, Duration resyncInterval,
                              Duration reportInterval, Duration rpcTimeout, int numSyncThreads,
                              String interfaceDriver, String availabilityZone, Optional<Metadata> metadata) {

    /**
     * Metadata from the DHCP namespaces: proxies that forward to the metadata agent's
     * {@code socket}, for every network when {@code force} ({@code force_metadata}), else for the
     * networks with an isolated IPv4 DHCP subnet ({@code enable_isolated_metadata}).
     */
    public record Metadata(Path socket, boolean force) {
    }

    /** An agent that serves no metadata. */
    public DhcpAgentConfig(String host, Path statePath, DnsmasqSettings dnsmasq, Duration resyncInterval,
                           Duration reportInterval, Duration rpcTimeout, int numSyncThreads, String interfaceDriver,
                           String availabilityZone) {
        this(host, statePath, dnsmasq, resyncInterval, reportInterval, rpcTimeout, numSyncThreads, interfaceDriver,
                availabilityZone, Optional.empty());
    }

    public DhcpAgentConfig {
        metadata = metadata == null ? Optional.empty() : metadata;
        if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("host must be a non-blank word: '" + host + "'");
        }
        if (resyncInterval.isNegative() || resyncInterval.isZero()) {
            throw new IllegalArgumentException("resync interval must be positive: " + resyncInterval);
        }
        if (reportInterval.isNegative() || reportInterval.isZero()) {
            throw new IllegalArgumentException("report interval must be positive: " + reportInterval);
        }
        if (numSyncThreads < 1) {
            throw new IllegalArgumentException("num_sync_threads must be at least 1: " + numSyncThreads);
        }
        InterfaceDrivers.requireImplemented(interfaceDriver, "DHCP agent");
    }

    /**
     * Reads the settings from {@code config}; an unset {@code host} is the machine's host name.
     *
     * @throws ConfigException          when an option's value is invalid
     * @throws IllegalArgumentException when the interface driver is not implemented
     */
    public static DhcpAgentConfig from(Config config) {
        int lease = config.get(DhcpAgentOptions.DHCP_LEASE_DURATION);
        if (lease == 0) {
            throw new ConfigException("Invalid value 0 for option " + DhcpAgentOptions.DHCP_LEASE_DURATION
                    + ": a lease must last (use -1 for infinite)");
        }
        boolean force = config.get(DhcpAgentOptions.FORCE_METADATA);
        Optional<Metadata> metadata = force || config.get(DhcpAgentOptions.ENABLE_ISOLATED_METADATA)
                ? Optional.of(new Metadata(MetadataOptions.proxySocket(config), force)) : Optional.empty();
        DnsmasqSettings dnsmasq = new DnsmasqSettings(Duration.ofSeconds(lease),
                config.get(DhcpAgentOptions.DNS_DOMAIN), config.get(DhcpAgentOptions.DNSMASQ_LEASE_MAX));
        String host = AgentOptions.host(config);
        return new DhcpAgentConfig(host, Path.of(config.get(AgentOptions.STATE_PATH)), dnsmasq,
                Duration.ofSeconds(config.get(DhcpAgentOptions.RESYNC_INTERVAL)),
                Duration.ofSeconds(config.get(AgentOptions.REPORT_INTERVAL)),
                Duration.ofSeconds(config.get(AgentOptions.RPC_RESPONSE_TIMEOUT)),
                config.get(DhcpAgentOptions.NUM_SYNC_THREADS), config.get(DhcpAgentOptions.INTERFACE_DRIVER),
                config.get(AgentOptions.AVAILABILITY_ZONE), metadata);
    }

    /** {@code <state_path>/dhcp}: the root of the per-network directories. */
    public Path dhcpStateRoot() {
        return statePath.resolve("dhcp");
    }
}
