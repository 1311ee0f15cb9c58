package org.neutrino.agent.metadata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.neutrino.agent.common.AgentOptions;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.Opt;

/**
 * The metadata agent's options ({@code metadata_agent.ini}), with Neutron's names and defaults;
 * {@link #METADATA_PROXY_SOCKET} is the L3 agent's too (its proxies connect to it).
 */
public final class MetadataOptions {
    private MetadataOptions() {
    }

    public static final Opt<String> METADATA_PROXY_SOCKET = Opt.string("DEFAULT", "metadata_proxy_socket", "",
            "The UNIX socket the metadata agent listens on and the metadata proxies (of the routers and DHCP "
                    + "namespaces) forward to; empty: <state_path>/metadata_proxy.").withSampleDefault("$state_path/metadata_proxy");
    public static final Opt<String> NOVA_METADATA_HOST = Opt.string("DEFAULT", "nova_metadata_host", "127.0.0.1",
            "The host of Nova's metadata API, where the metadata agent forwards the instances' requests.");
    public static final Opt<Integer> NOVA_METADATA_PORT = Opt.port("DEFAULT", "nova_metadata_port", 8775,
            "The TCP port of Nova's metadata API.");
    public static final Opt<String> NOVA_METADATA_PROTOCOL = Opt.choice("DEFAULT", "nova_metadata_protocol", "http",
            Set.of("http"), "The protocol of Nova's metadata API: http (https is not implemented).");
    public static final Opt<String> METADATA_PROXY_SHARED_SECRET = Opt.string("DEFAULT", "metadata_proxy_shared_secret",
            "", "The secret shared with Nova's metadata API ([neutron] metadata_proxy_shared_secret in nova.conf): "
                    + "the key of X-Instance-ID-Signature, the HMAC-SHA256 of the instance id.").asSecret();

    /** {@code metadata_proxy_socket}, or {@code <state_path>/metadata_proxy} when it is empty. */
    public static Path proxySocket(Config config) {
        String socket = config.get(METADATA_PROXY_SOCKET);
        return socket.isBlank() ? Path.of(config.get(AgentOptions.STATE_PATH), "metadata_proxy") : Path.of(socket);
    }

    /** The metadata agent's own options. */
    public static List<Opt<?>> own() {
        return List.of(METADATA_PROXY_SOCKET, NOVA_METADATA_HOST, NOVA_METADATA_PORT, NOVA_METADATA_PROTOCOL,
                METADATA_PROXY_SHARED_SECRET);
    }

    /** Every option the metadata agent reads: the common agent options and its own. */
    public static List<Opt<?>> all() {
        List<Opt<?>> all = new ArrayList<>(AgentOptions.all());
        all.addAll(own());
        return List.copyOf(all);
    }
}
