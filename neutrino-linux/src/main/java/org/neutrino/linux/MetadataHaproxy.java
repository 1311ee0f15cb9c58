package org.neutrino.linux;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata proxy of one namespace, as Neutron runs it: an haproxy that sets the header naming
 * where the request came from, appends the client's address to {@code X-Forwarded-For} (after
 * dropping any the client sent, and the other header naming a source) and forwards to the
 * metadata agent's UNIX socket. A router's ({@link #ofRouter}) listens on {@code 0.0.0.0:<port>}
 * in its {@code qrouter-} namespace (the L3 agent redirects the instances'
 * {@code 169.254.169.254:80} there) and sets {@code X-Neutron-Router-ID}; a network's
 * ({@link #ofNetwork}) listens on {@code 169.254.169.254:<port>} in its {@code qdhcp-} namespace
 * (isolated metadata) and sets {@code X-Neutron-Network-ID}. Its files ({@code haproxy.cfg}, {@code haproxy.pid}) live in a
 * directory of the agent's state ({@link DaemonFiles}); an agent that restarts adopts the haproxy
 * it left running, and one whose configuration changed is replaced.
 */
public final class MetadataHaproxy {
    static final String CONFIG_FILE = "haproxy.cfg";
    static final String PID_FILE = "haproxy.pid";

    /** Where the instances reach the metadata service, and where a network's proxy listens. */
    public static final String METADATA_ADDRESS = "169.254.169.254";

    private static final Logger LOG = LoggerFactory.getLogger(MetadataHaproxy.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final String ROUTER_HEADER = "X-Neutron-Router-ID";
    private static final String NETWORK_HEADER = "X-Neutron-Network-ID";

    private final Executor executor;
    private final String namespace;
    private final String bindAddress;
    private final String header;
    private final String id;
    private final String droppedHeader;
    private final DaemonFiles files;

    private MetadataHaproxy(Executor executor, String namespace, String bindAddress, String header, String id,
                            String droppedHeader, Path directory) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not an id for " + header + ": '" + id + "'");
        }
        this.executor = executor;
        this.namespace = namespace;
        this.bindAddress = bindAddress;
        this.header = header;
        this.id = id;
        this.droppedHeader = droppedHeader;
        this.files = new DaemonFiles(executor, "haproxy", directory.resolve(CONFIG_FILE), directory.resolve(PID_FILE));
    }

    /** The proxy of router {@code routerId} in {@code namespace}, on all its addresses, its files in {@code directory}. */
    public static MetadataHaproxy ofRouter(Executor executor, String namespace, String routerId, Path directory) {
        return new MetadataHaproxy(executor, namespace, "0.0.0.0", ROUTER_HEADER, routerId, NETWORK_HEADER, directory);
    }

    /** The proxy of network {@code networkId} in {@code namespace}, on {@value #METADATA_ADDRESS}, its files in {@code directory}. */
    public static MetadataHaproxy ofNetwork(Executor executor, String namespace, String networkId, Path directory) {
        return new MetadataHaproxy(executor, namespace, METADATA_ADDRESS, NETWORK_HEADER, networkId, ROUTER_HEADER,
                directory);
    }

    public Path configFile() {
        return files.configFile();
    }

    /**
     * Makes the proxy listen on {@code port} and forward to {@code socket}: started if it does not
     * run, restarted if its configuration changed, left alone (no process spawned) if not. Returns
     * whether anything was done.
     */
    public boolean apply(Path socket, int port) {
        boolean changed = files.writeConfig(config(socket, port));
        OptionalLong pid = runningPid();
        if (pid.isPresent() && !changed) {
            return false;
        }
        if (pid.isPresent()) {
            files.stop();
            files.writeConfig(config(socket, port));
        }
        files.forgetPid();
        executor.check(Command.of("haproxy", "-f", configFile().toString()).inNamespace(namespace));
        files.awaitStarted("the metadata proxy of " + namespace);
        LOG.info("metadata proxy of {} runs as pid {}", namespace, runningPid().orElse(-1));
        return true;
    }

    /** Stops the proxy (SIGTERM, SIGKILL after 5 s) and removes its files; nothing when it does not run. */
    public void stop() {
        files.stop();
    }

    /** The pid of the running proxy, from its pid file, checked in {@code /proc}. */
    public OptionalLong runningPid() {
        return files.runningPid();
    }

    /** haproxy.cfg, after Neutron's, without logging (the agent logs what it starts). */
    String config(Path socket, int port) {
        String path = configWord(socket.toAbsolutePath().toString());
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        return "global\n"
                + "    maxconn     1024\n"
                + "    pidfile     " + configWord(files.pidFile().toAbsolutePath().toString()) + "\n"
                + "    daemon\n"
                + "\n"
                + "defaults\n"
                + "    mode http\n"
                + "    option http-server-close\n"
                + "    option forwardfor\n"
                + "    retries                 3\n"
                + "    timeout http-request    30s\n"
                + "    timeout connect         30s\n"
                + "    timeout client          32s\n"
                + "    timeout server          32s\n"
                + "    timeout http-keep-alive 30s\n"
                + "\n"
                + "listen listener\n"
                + "    bind " + bindAddress + ":" + port + "\n"
                + "    server metadata " + path + "\n"
                + "    http-request del-header X-Forwarded-For\n"
                + "    http-request del-header " + droppedHeader + "\n"
                + "    http-request set-header " + header + " " + id + "\n";
    }

    /** {@code path} as one word of haproxy.cfg: refused when it holds white space, quotes, escapes or comments. */
    private static String configWord(String path) {
        if (path.chars().anyMatch(c -> Character.isWhitespace(c) || c == '#' || c == '"' || c == '\'' || c == '\\')) {
            throw new IllegalArgumentException("this path cannot go into haproxy.cfg: '" + path + "'");
        }
        return path;
    }
}
