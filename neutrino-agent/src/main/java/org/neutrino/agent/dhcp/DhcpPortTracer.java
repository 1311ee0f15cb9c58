package org.neutrino.agent.dhcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.Dnsmasq;
import org.neutrino.linux.Executor;
import org.neutrino.linux.IpLib;
import org.neutrino.linux.IpNetns;
import org.neutrino.linux.Link;
import org.neutrino.linux.LinkAddress;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.PortTrace;

/**
 * The DHCP agent's answer to {@code trace_port}: whether the network's {@code qdhcp-}
 * namespace exists, its {@code ns-<dhcp port11>} interface (up, addresses), and the lines of
 * the network's dnsmasq hosts file that give the port's MAC an address. Reads only: one
 * {@code ip netns list}, one {@code ip -d -j link} and one {@code ip -j address} in the
 * namespace, and the hosts file.
 */
final class DhcpPortTracer {
    private final String host;
    private final Executor executor;
    private final DhcpAgentConfig config;
    private final DhcpStateDirectory stateDirectory;

    DhcpPortTracer(String host, Executor executor, DhcpAgentConfig config, DhcpStateDirectory stateDirectory) {
        this.host = host;
        this.executor = executor;
        this.config = config;
        this.stateDirectory = stateDirectory;
    }

    JsonNode handle(JsonNode args) {
        String networkId = args.path("network_id").asText("");
        String mac = args.path("mac_address").asText("");
        if (networkId.isEmpty() || mac.isEmpty()) {
            throw new IllegalArgumentException("trace_port needs network_id and mac_address");
        }
        return AgentJson.tree(trace(networkId, mac));
    }

    PortTrace trace(String networkId, String mac) {
        String namespace = DeviceNames.dhcpNamespace(networkId);
        List<String> namespaces = new IpNetns(executor).list().stream().filter(namespace::equals).toList();
        List<PortTrace.Device> devices = new ArrayList<>();
        Optional<String> dhcpPort = stateDirectory.portOf(networkId);
        if (!namespaces.isEmpty() && dhcpPort.isPresent()) {
            String device = DeviceNames.dhcpInterface(dhcpPort.get());
            IpLib ip = new IpLib(executor).inNamespace(namespace);
            Optional<Link> link = ip.links().stream().filter(l -> l.name().equals(device)).findFirst();
            if (link.isPresent()) {
                List<String> addresses = ip.addresses().stream().filter(a -> a.device().equals(device))
                        .map(LinkAddress::address).toList();
                Link l = link.get();
                devices.add(new PortTrace.Device(device, namespace, l.kind().orElse(null), l.up(), l.master().orElse(null),
                        l.mac().orElse(null), addresses, null, null, List.of()));
            }
        }
        return new PortTrace(host, AgentTopics.DHCP_AGENT_TYPE, devices, List.of(), List.of(),
                namespaces, hostEntries(networkId, mac));
    }

    private List<String> hostEntries(String networkId, String mac) {
        Path hosts = new Dnsmasq(executor, config.dhcpStateRoot(), config.dnsmasq(), networkId).hostsFile();
        String wanted = mac.toLowerCase(Locale.ROOT) + ",";
        try {
            return Files.readAllLines(hosts).stream().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(wanted)).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
