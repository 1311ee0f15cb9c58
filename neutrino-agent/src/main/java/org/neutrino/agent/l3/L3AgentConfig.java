package org.neutrino.agent.l3;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.neutrino.agent.common.AgentOptions;
import org.neutrino.agent.common.InterfaceDrivers;
import org.neutrino.agent.metadata.MetadataOptions;
import org.neutrino.lib.config.Config;

/**
 * The L3 agent's settings, read from its options ({@link L3AgentOptions}).
 *
 * @param host             the host this agent serves ({@code [DEFAULT] host})
 * @param statePath        {@code [DEFAULT] state_path}; the agent keeps one directory per router
 *                         under {@code <state_path>/l3} (its record of the namespaces it owns,
 *                         radvd's and the metadata proxy's files)
 * @param periodicInterval how often every router is synchronised ({@code periodic_interval})
 * @param retryInterval    how often routers whose synchronisation failed are retried
 * @param reportInterval   heartbeat period ({@code [AGENT] report_interval})
 * @param rpcTimeout       timeout of a call to the server ({@code rpc_response_timeout})
 * @param metadataProxy    the metadata proxy every router runs, empty when
 *                         {@code enable_metadata_proxy} is false
 * @param availabilityZone the zone the agent reports ({@code [AGENT] availability_zone})
 */
public record L3AgentConfig(String host, Path statePath, Duration periodicInterval, Duration retryInterval,
                            Duration reportInterval, Duration rpcTimeout, Optional<MetadataProxy> metadataProxy,
                            String availabilityZone) {
    /** The longest wait before failed routers are retried. */
    public static final Duration MAX_RETRY_INTERVAL = Duration.ofSeconds(5);

    /**
     * A router's metadata proxy: it listens on {@code port} in the router's namespace and forwards
     * to the metadata agent's {@code socket} ({@code metadata_port}, {@code metadata_proxy_socket}).
     */
    public record MetadataProxy(Path socket, int port) {
    }

    /** An agent of the default zone whose routers run no metadata proxy. */
    public L3AgentConfig(String host, Path statePath, Duration periodicInterval, Duration retryInterval,
                         Duration reportInterval, Duration rpcTimeout) {
        this(host, statePath, periodicInterval, retryInterval, reportInterval, rpcTimeout, Optional.empty(),
                AgentOptions.AVAILABILITY_ZONE.defaultValue());
    }

    public L3AgentConfig {
        if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("host must be a non-blank word: '" + host + "'");
        }
        metadataProxy = metadataProxy == null ? Optional.empty() : metadataProxy;
        for (Duration d : new Duration[] {periodicInterval, retryInterval, reportInterval, rpcTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("intervals and timeouts must be positive: " + d);
            }
        }
    }

    /**
     * Reads the settings from {@code config}; an unset {@code host} is the machine's host name.
     *
     * @throws org.neutrino.lib.config.ConfigException when an option's value is invalid (e.g. a DVR {@code agent_mode})
     * @throws IllegalArgumentException                when the interface driver is not implemented
     */
    public static L3AgentConfig from(Config config) {
        InterfaceDrivers.requireImplemented(config.get(L3AgentOptions.INTERFACE_DRIVER), "L3 agent");
        config.get(L3AgentOptions.AGENT_MODE);
        Duration periodic = Duration.ofSeconds(config.get(L3AgentOptions.PERIODIC_INTERVAL));
        return new L3AgentConfig(AgentOptions.host(config), Path.of(config.get(AgentOptions.STATE_PATH)), periodic,
                periodic.compareTo(MAX_RETRY_INTERVAL) < 0 ? periodic : MAX_RETRY_INTERVAL,
                Duration.ofSeconds(config.get(AgentOptions.REPORT_INTERVAL)),
                Duration.ofSeconds(config.get(AgentOptions.RPC_RESPONSE_TIMEOUT)),
                config.get(L3AgentOptions.ENABLE_METADATA_PROXY)
                        ? Optional.of(new MetadataProxy(MetadataOptions.proxySocket(config),
                                config.get(L3AgentOptions.METADATA_PORT)))
                        : Optional.empty(),
                config.get(AgentOptions.AVAILABILITY_ZONE));
    }

    /** {@code <state_path>/l3}: the root of the per-router directories. */
    public Path l3StateRoot() {
        return statePath.resolve("l3");
    }
}
