package org.neutrino.agent.metadata;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.neutrino.agent.common.AgentOptions;
import org.neutrino.lib.config.Config;

/**
 * The metadata agent's settings, read from its options ({@link MetadataOptions}).
 *
 * @param host           the host this agent serves ({@code [DEFAULT] host})
 * @param socket         the UNIX socket it listens on ({@code metadata_proxy_socket})
 * @param nova           the base URI of Nova's metadata API ({@code nova_metadata_protocol://host:port})
 * @param sharedSecret   {@code metadata_proxy_shared_secret}
 * @param reportInterval heartbeat period ({@code [AGENT] report_interval})
 * @param rpcTimeout     timeout of a call to the server ({@code rpc_response_timeout})
 */
public record MetadataAgentConfig(String host, Path socket, URI nova, String sharedSecret, Duration reportInterval,
                                  Duration rpcTimeout) {

    public MetadataAgentConfig {
        if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("host must be a non-blank word: '" + host + "'");
        }
        if (sharedSecret == null) {
            throw new IllegalArgumentException("the shared secret may be empty, not null");
        }
    }

    /**
     * Reads the settings from {@code config}.
     *
     * @throws IllegalArgumentException when {@code nova_metadata_host} is not a host name or address
     */
    public static MetadataAgentConfig from(Config config) {
        String novaHost = config.get(MetadataOptions.NOVA_METADATA_HOST);
        if (!novaHost.matches("[A-Za-z0-9.:-]+")) {
            throw new IllegalArgumentException("[DEFAULT] nova_metadata_host is not a host name or address: '"
                    + novaHost + "'");
        }
        String authority = novaHost.contains(":") ? "[" + novaHost + "]" : novaHost;
        URI nova = URI.create(config.get(MetadataOptions.NOVA_METADATA_PROTOCOL) + "://" + authority + ":"
                + config.get(MetadataOptions.NOVA_METADATA_PORT));
        return new MetadataAgentConfig(AgentOptions.host(config), MetadataOptions.proxySocket(config), nova,
                config.get(MetadataOptions.METADATA_PROXY_SHARED_SECRET),
                Duration.ofSeconds(config.get(AgentOptions.REPORT_INTERVAL)),
                Duration.ofSeconds(config.get(AgentOptions.RPC_RESPONSE_TIMEOUT)));
    }
}
