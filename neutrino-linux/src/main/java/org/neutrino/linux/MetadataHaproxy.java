package org.neutrino.linux;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata proxy of one router namespace, as Neutron runs it: an haproxy listening on
 * {@code 0.0.0.0:<port>} inside the namespace (the L3 agent redirects the instances'
 * {@code 169.254.169.254:80} there) that sets {@code X-Neutron-Router-ID}, appends the client's
 * address to {@code X-Forwarded-For} (after dropping any the client sent) and forwards to the
 * metadata agent's UNIX socket. Its files ({@code haproxy.cfg}, {@code haproxy.pid}) live in a
 * directory of the agent's state ({@link DaemonFiles}); an agent that restarts adopts the haproxy
 * it left running, and one whose configuration changed is replaced.
 */
public final class MetadataHaproxy {
    static final String CONFIG_FILE = "haproxy.cfg";
    static final String PID_FILE = "haproxy.pid";

    private static final Logger LOG = LoggerFactory.getLogger(MetadataHaproxy.class);
    private static final Pattern ROUTER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final Executor executor;
    private final String namespace;
    private final String routerId;
    private final DaemonFiles files;

    /** The proxy of router {@code routerId} in {@code namespace}, its files in {@code directory}. */
    public MetadataHaproxy(Executor executor, String namespace, String routerId, Path directory) {
        if (!ROUTER_ID.matcher(routerId).matches()) {
            throw new IllegalArgumentException("not a router id: '" + routerId + "'");
        }
        this.executor = executor;
        this.namespace = namespace;
        this.routerId = routerId;
        this.files = new DaemonFiles(executor, "haproxy", directory.resolve(CONFIG_FILE), directory.resolve(PID_FILE));
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

    /** The pid of the running proxy of this router, from its pid file, checked in {@code /proc}. */
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
                + "    bind 0.0.0.0:" + port + "\n"
                + "    server metadata " + path + "\n"
                + "    http-request del-header X-Forwarded-For\n"
                + "    http-request del-header X-Neutron-Network-ID\n"
                + "    http-request set-header X-Neutron-Router-ID " + routerId + "\n";
    }

    /** {@code path} as one word of haproxy.cfg: refused when it holds white space, quotes, escapes or comments. */
    private static String configWord(String path) {
        if (path.chars().anyMatch(c -> Character.isWhitespace(c) || c == '#' || c == '"' || c == '\'' || c == '\\')) {
            throw new IllegalArgumentException("this path cannot go into haproxy.cfg: '" + path + "'");
        }
        return path;
    }
}
