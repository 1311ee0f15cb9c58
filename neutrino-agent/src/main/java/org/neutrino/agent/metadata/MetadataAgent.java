package org.neutrino.agent.metadata;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.neutrino.agent.common.ServerRpc;
import org.neutrino.agent.common.StateReporter;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.agent.AgentTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata agent of one host, as Neutron's {@code neutron-metadata-agent}: it listens on
 * {@code metadata_proxy_socket} for the requests the routers' metadata proxies forward, finds the
 * instance behind each ({@code get_metadata_instance}, answers remembered for a few seconds:
 * {@link CachedInstanceLookup}) and forwards the request to Nova's
 * metadata API with the instance's signed headers ({@link MetadataProxyHandler}). It reports its
 * state as a {@value AgentTopics#METADATA_AGENT_TYPE}.
 */
public final class MetadataAgent implements AutoCloseable {
    /** The {@code binary} this agent reports: Neutron's name for it. */
    public static final String BINARY = "neutron-metadata-agent";

    private static final Logger LOG = LoggerFactory.getLogger(MetadataAgent.class);

    private final MetadataAgentConfig config;
    private final ServerRpc server;
    private final StateReporter reporter;
    private MetadataProxyServer listener;

    /** An agent asking the server over {@code bus}; the bus stays the caller's to close. */
    public MetadataAgent(MetadataAgentConfig config, MessageBus bus) {
        this.config = config;
        this.server = new ServerRpc(bus, config.host(), config.rpcTimeout());
        this.reporter = new StateReporter(server, BINARY, "N/A", AgentTopics.METADATA_AGENT_TYPE, this::configurations);
    }

    /** Listens on the socket, then reports the agent's state (once, blocking, then periodically). */
    public synchronized MetadataAgent start() {
        if (listener != null) {
            throw new IllegalStateException("the metadata agent of " + config.host() + " is already started");
        }
        InstanceLookup lookup = new CachedInstanceLookup(question -> Optional.ofNullable(server.metadataInstance(question)),
                System::nanoTime);
        listener = MetadataProxyServer.listen(config.socket(), new MetadataProxyHandler(lookup,
                new NovaMetadataClient(config.nova(), new InstanceSignature(config.sharedSecret()))));
        reporter.start(config.reportInterval());
        LOG.info("metadata agent of host {} listens on {}, forwards to {}", config.host(), config.socket(), config.nova());
        return this;
    }

    /** Stops reporting and listening; the socket file is removed. */
    @Override
    public synchronized void close() {
        reporter.close();
        if (listener != null) {
            listener.close();
        }
    }

    private Map<String, Object> configurations() {
        Map<String, Object> configurations = new LinkedHashMap<>();
        configurations.put("metadata_proxy_socket", config.socket().toString());
        configurations.put("nova_metadata_host", config.nova().getHost());
        configurations.put("nova_metadata_port", config.nova().getPort());
        return configurations;
    }
}
