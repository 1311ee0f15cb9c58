package org.neutrino.fullstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neutrino.lib.DeviceNames;

/**
 * {@code neutrino trace port} over real kernel objects: the all-in-one (server, Linux bridge
 * agent with the iptables firewall, DHCP agent) on one simulated host, one VM on a VXLAN
 * network. The trace of the healthy path is ok at every hop; then the path is broken on
 * purpose — the bridge set down, the port's security-group jumps flushed, the port's dnsmasq
 * host entry removed, the VM's tap deleted — and each time the trace names the broken hop.
 * The agents' safety-net scans are slowed down so that they do not repair a break before it
 * is traced.
 */
@Tag("root")
class TraceFullstackIT {
    @RegisterExtension
    static final FullstackLab LAB = new FullstackLab(Prerequisites.ALL_IN_ONE, Prerequisites.programs("dnsmasq", "iptables"));

    private static final Duration WIRING = Duration.ofSeconds(30);

    private static NeutrinoApi api;
    private static SimulatedHost host;

    @BeforeAll
    static void deploy() {
        LAB.open();
        host = LAB.addHost("trace");
        api = NeutrinoDeployment.inProcess(LAB).startAllInOne(host, config -> config
                .set("ml2_type_vxlan", "vni_ranges", "1200:1299")
                .set("securitygroup", "firewall_driver", "iptables")
                .set("AGENT", "polling_interval", 3600)
                .set("DEFAULT", "resync_interval", 3600));
    }

    static JsonNode trace(String portId) {
        return api.get("/v2.0/ports/" + portId + "/trace").path("trace");
    }

    static List<String> broken(JsonNode trace) {
        List<String> out = new ArrayList<>();
        trace.path("hops").forEach(h -> {
            String verdict = h.path("verdict").asText();
            if (!verdict.equals("ok") && !verdict.equals("unfiltered")) {
                out.add(h.path("kind").asText() + ":" + verdict);
            }
        });
        return out;
    }

    static String hostRun(String... argv) {
        return LAB.inNamespace(host.namespace(), argv).stdout();
    }

    @Test
    void theTraceOfAHealthyPortIsOkAndNamesEachHopBrokenOnPurpose() throws Exception {
        String network = api.createNetwork(Map.of("name", "trace-net"));
        LAB.track(DeviceNames.dhcpNamespace(network));
        api.createSubnet(network, "10.100.9.0/24", true);
        VirtualMachine vm = new NovaCompute(LAB, api).plug("vm1", host, api.createPort(network, "vm1"), true);
        await("the VM's port ACTIVE").atMost(WIRING).pollInterval(Duration.ofMillis(100))
                .until(() -> api.portStatus(vm.portId()).equals("ACTIVE"));
        await("the DHCP port ACTIVE").atMost(WIRING).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/v2.0/ports?device_owner=network:dhcp&status=ACTIVE&network_id=" + network)
                        .path("ports").size() == 1);
        String bridge = DeviceNames.bridge(network);
        await("a healthy trace").atMost(WIRING).pollInterval(Duration.ofMillis(200))
                .until(() -> broken(trace(vm.portId())).isEmpty());

        JsonNode healthy = trace(vm.portId());
        List<String> kinds = new ArrayList<>();
        healthy.path("hops").forEach(h -> kinds.add(h.path("kind").asText() + ":" + h.path("verdict").asText()));
        assertThat(kinds).containsExactly("port:ok", "l2_agent:ok", "tap:ok", "bridge:ok", "vxlan:ok", "security_groups:ok",
                "dhcp_agent:ok", "dhcp_namespace:ok", "dhcp_interface:ok", "dhcp_host_entry:ok");
        assertThat(healthy.path("broken").asBoolean()).isFalse();
        assertThat(healthy.path("hops").get(3).path("observed").asText()).contains(vm.tap());
        NeutrinoCliProcess.Result ok = cli("trace", "port", vm.portId());
        System.out.println(ok.output());
        assertThat(ok.status()).as(ok.output()).isZero();

        // the bridge set down
        hostRun("ip", "link", "set", bridge, "down");
        assertThat(broken(trace(vm.portId()))).containsExactly("bridge:down");
        NeutrinoCliProcess.Result down = cli("trace", "port", vm.portId());
        System.out.println(down.output());
        assertThat(down.status()).isEqualTo(5);
        assertThat(down.output()).contains("the first: bridge " + bridge + " (down:");
        hostRun("ip", "link", "set", bridge, "up");
        assertThat(broken(trace(vm.portId()))).isEmpty();

        // the jumps into the port's own chains flushed
        hostRun("iptables", "-F", "neutrino-sg-chain");
        assertThat(broken(trace(vm.portId()))).containsExactly("security_groups:no_rule");

        // the port's entry gone from dnsmasq's hosts file
        Path hosts;
        try (var files = Files.walk(LAB.workDir())) {
            hosts = files.filter(p -> p.endsWith(Path.of(network, "host"))).findFirst().orElseThrow();
        }
        String mac = vm.macAddress();
        Files.write(hosts, Files.readAllLines(hosts).stream().filter(l -> !l.startsWith(mac)).toList());
        assertThat(broken(trace(vm.portId()))).containsExactly("security_groups:no_rule", "dhcp_host_entry:missing");

        // the VM's tap (and with it the VM's end) deleted
        hostRun("ip", "link", "del", vm.tap());
        List<String> gone = broken(trace(vm.portId()));
        assertThat(gone).contains("tap:missing").doesNotContain("bridge:down");
        assertThat(gone).isSubsetOf("port:down", "tap:missing", "security_groups:no_rule", "dhcp_host_entry:missing");
    }

    static NeutrinoCliProcess.Result cli(String... command) {
        return NeutrinoCliProcess.run(LAB, api.endpoint(), command);
    }
}
