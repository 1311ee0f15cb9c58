package org.neutrino.fullstack;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.neutrino.rpc.agent.AgentTopics;

/**
 * The Neutrino processes of one test, started in a {@link FullstackLab}: the API server
 * ({@code noauth}, H2 under the work directory, on a free loopback port) and the agents of the
 * simulated hosts, all talking over the RabbitMQ broker of {@code transportUrl}. Each process has
 * its own generated configuration file and log in the lab's work directory.
 */
final class NeutrinoDeployment {
    static final String SERVER_MAIN = "org.neutrino.server.ServerMain";
    static final String LINUXBRIDGE_AGENT_MAIN = "org.neutrino.agent.l2.LinuxBridgeAgentMain";
    static final String DHCP_AGENT_MAIN = "org.neutrino.agent.cmd.DhcpAgentMain";
    static final String L3_AGENT_MAIN = "org.neutrino.agent.cmd.L3AgentMain";
    static final String METADATA_AGENT_MAIN = "org.neutrino.agent.cmd.MetadataAgentMain";
    /** The server and this host's agents in one JVM on the in-process bus (neutrino-dist). */
    static final String ALL_IN_ONE_MAIN = "org.neutrino.allinone.AllInOneMain";
    /** Seconds between two heartbeats of the agents (Neutron's default is 30: too slow for a test). */
    static final int REPORT_INTERVAL_SECONDS = 2;
    /** {@code agent_down_time} of the server: an agent silent that long is dead. */
    static final int AGENT_DOWN_TIME_SECONDS = 10;
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final FullstackLab lab;
    private final String transportUrl;
    private final Map<String, ServiceProcess> linuxBridgeAgents = new LinkedHashMap<>();
    private ServiceProcess server;
    private NeutrinoApi api;

    /** Processes talking over the broker of {@code transportUrl} ({@code rabbit://...}). */
    NeutrinoDeployment(FullstackLab lab, String transportUrl) {
        this.lab = lab;
        this.transportUrl = transportUrl;
    }

    /** A deployment on the in-process bus: one all-in-one process, no broker. */
    static NeutrinoDeployment inProcess(FullstackLab lab) {
        return new NeutrinoDeployment(lab, "");
    }

    /** Whether the all-in-one main is on the class path (neutrino-dist has it). */
    static boolean allInOneAvailable() {
        return ClassLoader.getSystemResource(ALL_IN_ONE_MAIN.replace('.', '/') + ".class") != null;
    }

    /**
     * The server's configuration: noauth on a free port of 127.0.0.1, state (H2) under the work
     * directory, the broker, short agent timings, the Linux bridge mechanism driver, flat and VXLAN
     * type drivers with VXLAN project networks on VNIs 1000-1999. The caller adds or changes ML2
     * options.
     */
    IniFile serverConfig() {
        return new IniFile()
                .set("DEFAULT", "bind_host", "127.0.0.1")
                .set("DEFAULT", "bind_port", freeLoopbackPort())
                .set("DEFAULT", "auth_strategy", "noauth")
                .set("DEFAULT", "state_path", directory("server"))
                .set("DEFAULT", "transport_url", transportUrl)
                .set("DEFAULT", "agent_down_time", AGENT_DOWN_TIME_SECONDS)
                .set("ml2", "mechanism_drivers", "linuxbridge")
                .set("ml2", "type_drivers", "flat,vxlan")
                .set("ml2", "tenant_network_types", "vxlan")
                .set("ml2_type_vxlan", "vni_ranges", "1000:1999");
    }

    /** Starts the server on {@code config} and waits until its API answers. */
    NeutrinoApi startServer(IniFile config) {
        return startApi("server", SERVER_MAIN, config);
    }

    /**
     * Starts the all-in-one for {@code host} and waits until its API answers and its agents
     * (Linux bridge, DHCP) are alive. Its configuration: the server's, the agents' common options,
     * the VXLAN endpoint and the DHCP agent's options in one file; {@code options} may add or
     * change options.
     */
    NeutrinoApi startAllInOne(SimulatedHost host, Consumer<IniFile> options) {
        IniFile config = agentOptions(serverConfig(), host)
                .set("vxlan", "local_ip", host.managementIp())
                .set("DEFAULT", "resync_interval", 2);
        options.accept(config);
        NeutrinoApi started = startApi("all-in-one", ALL_IN_ONE_MAIN, config);
        awaitAliveAgents(List.of(linuxBridgeAgentKey(host), dhcpAgentKey(host)));
        return started;
    }

    private NeutrinoApi startApi(String name, String mainClass, IniFile config) {
        server = lab.start(name, mainClass, config);
        api = new NeutrinoApi(URI.create("http://" + config.get("DEFAULT", "bind_host") + ":"
                + config.get("DEFAULT", "bind_port")));
        awaitUp(server, api::isUp, "the API to answer on " + api.endpoint());
        return api;
    }

    /**
     * Starts a Linux bridge agent for {@code host} (VXLAN endpoint on its management address);
     * {@code options} may add or change options (a physical interface mapping).
     */
    ServiceProcess startLinuxBridgeAgent(SimulatedHost host, Consumer<IniFile> options) {
        IniFile config = agentConfig(host)
                .set("vxlan", "enable_vxlan", true)
                .set("vxlan", "local_ip", host.managementIp())
                .set("vxlan", "l2_population", true)
                .set("AGENT", "polling_interval", 2)
                .set("securitygroup", "firewall_driver", "noop");
        options.accept(config);
        ServiceProcess agent = lab.start("l2-agent-" + role(host), LINUXBRIDGE_AGENT_MAIN, config);
        linuxBridgeAgents.put(host.name(), agent);
        return agent;
    }

    /** Starts a DHCP agent for {@code host}, its state under the work directory. */
    ServiceProcess startDhcpAgent(SimulatedHost host) {
        return startDhcpAgent(host, config -> { });
    }

    /** The same; {@code options} may add or change options. */
    ServiceProcess startDhcpAgent(SimulatedHost host, Consumer<IniFile> options) {
        IniFile config = agentConfig(host)
                .set("DEFAULT", "state_path", directory("dhcp-agent-" + role(host)))
                .set("DEFAULT", "interface_driver", "linuxbridge")
                .set("DEFAULT", "resync_interval", 2);
        options.accept(config);
        return lab.start("dhcp-agent-" + role(host), DHCP_AGENT_MAIN, config);
    }

    /**
     * Starts an L3 agent for {@code host} (Linux bridge interface driver), its state under the work
     * directory, its routers' metadata proxies forwarding to {@link #metadataSocket} of the host;
     * {@code options} may add or change options.
     */
    ServiceProcess startL3Agent(SimulatedHost host, Consumer<IniFile> options) {
        IniFile config = agentConfig(host)
                .set("DEFAULT", "state_path", directory("l3-agent-" + role(host)))
                .set("DEFAULT", "interface_driver", "linuxbridge")
                .set("DEFAULT", "periodic_interval", 10)
                .set("DEFAULT", "metadata_proxy_socket", metadataSocket(host));
        options.accept(config);
        return lab.start("l3-agent-" + role(host), L3_AGENT_MAIN, config);
    }

    /**
     * Starts a metadata agent for {@code host} listening on {@link #metadataSocket} of the host and
     * forwarding to {@code nova} with {@code sharedSecret}.
     */
    ServiceProcess startMetadataAgent(SimulatedHost host, URI nova, String sharedSecret) {
        IniFile config = agentConfig(host)
                .set("DEFAULT", "state_path", directory("metadata-agent-" + role(host)))
                .set("DEFAULT", "metadata_proxy_socket", metadataSocket(host))
                .set("DEFAULT", "nova_metadata_host", nova.getHost())
                .set("DEFAULT", "nova_metadata_port", nova.getPort())
                .set("DEFAULT", "metadata_proxy_shared_secret", sharedSecret);
        return lab.start("metadata-agent-" + role(host), METADATA_AGENT_MAIN, config);
    }

    /** The metadata agent's UNIX socket on {@code host}, which its L3 agent's proxies forward to. */
    Path metadataSocket(SimulatedHost host) {
        return lab.workDir().resolve("metadata-" + role(host) + ".sock");
    }

    /** Where the L3 agent of {@code host} keeps the files of router {@code routerId} (its metadata proxy's). */
    Path routerStateDirectory(SimulatedHost host, String routerId) {
        return lab.workDir().resolve("l3-agent-" + role(host)).resolve("l3").resolve(routerId);
    }

    /** The Linux bridge agent process of {@code host}. */
    ServiceProcess linuxBridgeAgent(SimulatedHost host) {
        ServiceProcess agent = linuxBridgeAgents.get(host.name());
        if (agent == null) {
            throw new IllegalArgumentException("no Linux bridge agent on " + host.name());
        }
        return agent;
    }

    /** Waits until {@code GET /v2.0/agents} lists, alive, each of {@code expected} as {@code type@host}. */
    void awaitAliveAgents(List<String> expected) {
        await("agents alive: " + expected).atMost(STARTUP).pollInterval(Duration.ofMillis(500)).until(() -> {
            requireRunning();
            List<String> alive = api.agents().stream().filter(agent -> agent.path("alive").asBoolean())
                    .map(NeutrinoDeployment::agentKey).toList();
            return alive.containsAll(expected);
        });
    }

    /** Waits until the Linux bridge agent of each of {@code hosts} is alive. */
    void awaitAliveLinuxBridgeAgents(List<SimulatedHost> hosts) {
        awaitAliveAgents(hosts.stream().map(NeutrinoDeployment::linuxBridgeAgentKey).toList());
    }

    /** {@code "Linux bridge agent@<host>"}, the key {@link #awaitAliveAgents} expects. */
    static String linuxBridgeAgentKey(SimulatedHost host) {
        return AgentTopics.LINUXBRIDGE_AGENT_TYPE + "@" + host.name();
    }

    /** {@code "DHCP agent@<host>"}. */
    static String dhcpAgentKey(SimulatedHost host) {
        return AgentTopics.DHCP_AGENT_TYPE + "@" + host.name();
    }

    /** {@code "L3 agent@<host>"}. */
    static String l3AgentKey(SimulatedHost host) {
        return AgentTopics.L3_AGENT_TYPE + "@" + host.name();
    }

    /** {@code "Metadata agent@<host>"}. */
    static String metadataAgentKey(SimulatedHost host) {
        return AgentTopics.METADATA_AGENT_TYPE + "@" + host.name();
    }

    static String agentKey(JsonNode agent) {
        return agent.path("agent_type").asText() + "@" + agent.path("host").asText();
    }

    NeutrinoApi api() {
        return api;
    }

    /** Fails at once, with the log's tail, when the server has died. */
    void requireRunning() {
        if (!server.isAlive()) {
            throw new IllegalStateException(server.name() + " has exited; last log lines:\n" + server.tail(40));
        }
    }

    private IniFile agentConfig(SimulatedHost host) {
        return agentOptions(new IniFile(), host);
    }

    private IniFile agentOptions(IniFile config, SimulatedHost host) {
        return config
                .set("DEFAULT", "host", host.name())
                .set("DEFAULT", "transport_url", transportUrl)
                .set("AGENT", "root_helper", host.rootHelper())
                .set("AGENT", "report_interval", REPORT_INTERVAL_SECONDS);
    }

    private String role(SimulatedHost host) {
        return host.name().substring(lab.prefix().length() + 1);
    }

    private Path directory(String name) {
        Path dir = lab.workDir().resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static void awaitUp(ServiceProcess process, Callable<Boolean> up, String what) {
        await(what).atMost(STARTUP).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited while waiting for " + what
                        + "; last log lines:\n" + process.tail(40));
            }
            return up.call();
        });
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
