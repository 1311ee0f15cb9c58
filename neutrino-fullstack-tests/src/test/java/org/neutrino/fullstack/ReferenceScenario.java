package org.neutrino.fullstack;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.CommandResult;

/**
 * The reference scenario of the OpenStack networking guides ("self-service networks", Linux
 * bridge), built in a {@link FullstackLab} for the test classes that exercise it
 * ({@link ReferenceScenarioIT}, {@link FloatingIpTraceFullstackIT}):
 * <ul>
 *   <li>a controller/network host running the server, the DHCP agent, the L3 agent, the metadata
 *       agent (forwarding to a {@link NovaMetadataStandIn}) and a Linux bridge agent, and a compute host running a Linux bridge agent, separate processes over
 *       RabbitMQ, both Linux bridge agents with the iptables firewall;</li>
 *   <li>provider network {@code provider} (flat, {@code physical_interface_mappings =
 *       provider:eth-prov} on the controller, whose peer is in an "outside" namespace playing
 *       the upstream router 203.0.113.1), external, subnet 203.0.113.0/24;</li>
 *   <li>project network {@code selfservice} (VXLAN, 172.16.1.0/24, DHCP);</li>
 *   <li>a router with its gateway on {@code provider} and an interface on {@code selfservice};</li>
 *   <li>an instance on the compute host (address by DHCP) in a group allowing ICMP and TCP 22,
 *       listening on TCP 22 and 23.</li>
 * </ul>
 * {@link #deploy} starts the processes, {@link #build} creates the resources through the API and
 * waits until the instance has its address, {@link #associateFloatingIp} gives it a floating IP,
 * {@link #close} stops the stand-in for Nova (the lab stops the processes).
 */
final class ReferenceScenario implements AutoCloseable {
    static final String PROJECT = "d0000000000000000000000000000004";
    static final String PROVIDER_INTERFACE = "eth-prov";
    static final String UPSTREAM = "203.0.113.1";
    /** The outside's service that answers each connection with the source address it sees. */
    static final int WHOAMI_PORT = 5000;
    static final Duration WIRING = Duration.ofSeconds(40);
    static final Duration POLL = Duration.ofMillis(200);
    static final String METADATA_SECRET = "reference-scenario-secret";
    static final int METADATA_PORT = 9697;

    final FullstackLab lab;
    final NeutrinoDeployment deployment;
    final NeutrinoApi api;
    final SimulatedHost controller;
    final SimulatedHost compute;
    final String outside;
    final ServiceProcess dhcpAgent;
    final ServiceProcess l3Agent;
    final ServiceProcess metadataAgent;
    final NovaMetadataStandIn nova;
    String provider;
    String selfservice;
    String router;
    String gatewayIp;
    String securityGroup;
    VirtualMachine instance;

    private ReferenceScenario(FullstackLab lab, NeutrinoDeployment deployment, NeutrinoApi api, SimulatedHost controller,
                              SimulatedHost compute, String outside, ServiceProcess dhcpAgent, ServiceProcess l3Agent,
                              ServiceProcess metadataAgent, NovaMetadataStandIn nova) {
        this.lab = lab;
        this.deployment = deployment;
        this.api = api;
        this.controller = controller;
        this.compute = compute;
        this.outside = outside;
        this.dhcpAgent = dhcpAgent;
        this.l3Agent = l3Agent;
        this.metadataAgent = metadataAgent;
        this.nova = nova;
    }

    /**
     * Opens {@code lab}, makes the hosts and the outside, starts the server and the agents and
     * waits until every agent is alive. {@code agentOptions} may change every agent's options
     * (a test that breaks the path on purpose slows the agents' safety-net scans down).
     */
    static ReferenceScenario deploy(FullstackLab lab, Consumer<IniFile> agentOptions) {
        String rabbit = Prerequisites.rabbitUrl();
        lab.open();
        SimulatedHost controller = lab.addHost("ctl");
        SimulatedHost compute = lab.addHost("cmp");
        String outside = lab.addNamespace("outside");
        lab.inNamespace(controller.namespace(), "ip", "link", "add", PROVIDER_INTERFACE, "type", "veth", "peer",
                "name", "eth0", "netns", outside);
        lab.inNamespace(controller.namespace(), "ip", "link", "set", PROVIDER_INTERFACE, "up");
        lab.inNamespace(outside, "ip", "address", "add", UPSTREAM + "/24", "dev", "eth0");
        lab.inNamespace(outside, "ip", "link", "set", "eth0", "up");
        lab.listenTcp(outside, WHOAMI_PORT, "echo $SOCAT_PEERADDR");

        NeutrinoDeployment deployment = new NeutrinoDeployment(lab, rabbit);
        NeutrinoApi api = deployment.startServer(deployment.serverConfig()
                .set("DEFAULT", "service_plugins", "router")
                .set("ml2", "extension_drivers", "port_security")
                .set("ml2_type_flat", "flat_networks", "provider"));
        deployment.startLinuxBridgeAgent(controller, config -> agentOptions.accept(config
                .set("linux_bridge", "physical_interface_mappings", "provider:" + PROVIDER_INTERFACE)
                .set("securitygroup", "firewall_driver", "iptables")));
        deployment.startLinuxBridgeAgent(compute, config -> agentOptions.accept(config
                .set("securitygroup", "firewall_driver", "iptables")));
        ServiceProcess dhcpAgent = deployment.startDhcpAgent(controller, agentOptions);
        ServiceProcess l3Agent = deployment.startL3Agent(controller, agentOptions);
        NovaMetadataStandIn nova = NovaMetadataStandIn.start();
        ServiceProcess metadataAgent = deployment.startMetadataAgent(controller, nova.uri(), METADATA_SECRET);
        ReferenceScenario scenario = new ReferenceScenario(lab, deployment, api, controller, compute, outside, dhcpAgent,
                l3Agent, metadataAgent, nova);
        deployment.awaitAliveAgents(scenario.expectedAgents());
        return scenario;
    }

    /** Every agent of the deployment. */
    List<String> expectedAgents() {
        List<String> all = new ArrayList<>(dataPathAgents());
        all.add(NeutrinoDeployment.metadataAgentKey(controller));
        return all;
    }

    /** The agents the floating IP's traffic depends on. */
    List<String> dataPathAgents() {
        return List.of(NeutrinoDeployment.linuxBridgeAgentKey(controller),
                NeutrinoDeployment.linuxBridgeAgentKey(compute), NeutrinoDeployment.dhcpAgentKey(controller),
                NeutrinoDeployment.l3AgentKey(controller));
    }

    /** Creates the networks, the router, the group and the instance, and waits until the instance has its address by DHCP. */
    void build() {
        provider = api.createNetwork(Map.of("name", "provider", "shared", true, "router:external", true,
                "provider:network_type", "flat", "provider:physical_network", "provider"));
        api.createSubnet(provider, "203.0.113.0/24", false);
        selfservice = api.createNetwork(Map.of("name", "selfservice", "project_id", PROJECT));
        lab.track(DeviceNames.dhcpNamespace(selfservice));
        String selfserviceSubnet = api.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", selfservice,
                "cidr", "172.16.1.0/24", "ip_version", 4, "project_id", PROJECT, "name", "selfservice")))
                .path("subnet").path("id").asText();
        router = api.post("/v2.0/routers", Map.of("router", Map.of("name", "router", "project_id", PROJECT,
                "external_gateway_info", Map.of("network_id", provider)))).path("router").path("id").asText();
        lab.track(DeviceNames.routerNamespace(router));
        api.put("/v2.0/routers/" + router + "/add_router_interface", Map.of("subnet_id", selfserviceSubnet));
        gatewayIp = api.get("/v2.0/routers/" + router).path("router").path("external_gateway_info")
                .path("external_fixed_ips").path(0).path("ip_address").asText();

        securityGroup = api.post("/v2.0/security-groups", Map.of("security_group", Map.of("name", "ssh-ping",
                "project_id", PROJECT))).path("security_group").path("id").asText();
        addIngressRule("icmp", null);
        addIngressRule("tcp", 22);
        JsonNode port = api.post("/v2.0/ports", Map.of("port", Map.of("network_id", selfservice, "name", "instance",
                "project_id", PROJECT, "security_groups", List.of(securityGroup)))).path("port");
        instance = new NovaCompute(lab, api).plug("instance", compute, port, false);
        await("the instance's port ACTIVE").atMost(WIRING).pollInterval(POLL)
                .until(() -> api.portStatus(instance.portId()).equals("ACTIVE"));
        await("the DHCP port and the router's ports ACTIVE").atMost(WIRING).pollInterval(POLL).until(() -> {
            JsonNode ports = api.get("/v2.0/ports?device_id=" + router).path("ports");
            JsonNode dhcp = api.get("/v2.0/ports?device_owner=network:dhcp&network_id=" + selfservice).path("ports");
            return ports.size() == 2 && dhcp.size() == 1
                    && ports.findValuesAsText("status").stream().allMatch("ACTIVE"::equals)
                    && dhcp.path(0).path("status").asText().equals("ACTIVE");
        });
        new DhcpClient(lab).lease(instance);
        lab.listenTcp(instance.namespace(), 22);
        lab.listenTcp(instance.namespace(), 23);
    }

    /** A floating IP of the instance: its id and address. */
    record FloatingIp(String id, String address) {
    }

    /** Gives the instance a floating IP on {@code provider} (it answers once the L3 agent has wired it). */
    FloatingIp associateFloatingIp() {
        JsonNode created = api.post("/v2.0/floatingips", Map.of("floatingip", Map.of("floating_network_id", provider,
                "port_id", instance.portId(), "project_id", PROJECT))).path("floatingip");
        return new FloatingIp(created.path("id").asText(), created.path("floating_ip_address").asText());
    }

    /** Adds an ingress rule from anywhere to the instance's group; answers the rule's id. */
    String addIngressRule(String protocol, Integer port) {
        return api.addIngressRule(securityGroup, protocol, port);
    }

    @Override
    public void close() {
        nova.close();
    }

    /** What the outside's whoami service says the instance's address is. */
    String whoami() {
        CommandResult result = lab.tryInNamespace(instance.namespace(), "socat", "-u",
                "TCP:" + UPSTREAM + ":" + WHOAMI_PORT + ",connect-timeout=2", "STDOUT");
        return result.stdout().strip();
    }
}
