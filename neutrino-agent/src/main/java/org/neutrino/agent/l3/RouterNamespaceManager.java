package org.neutrino.agent.l3;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.neutrino.linux.Executor;
import org.neutrino.linux.IpCommand;
import org.neutrino.linux.IpCommands;
import org.neutrino.linux.IpLib;
import org.neutrino.linux.IpNetns;
import org.neutrino.linux.IpVersion;
import org.neutrino.linux.Iptables;
import org.neutrino.linux.IptablesDiff;
import org.neutrino.linux.IptablesTable;
import org.neutrino.linux.Link;
import org.neutrino.linux.LinkAddress;
import org.neutrino.linux.LinksWithAddresses;
import org.neutrino.linux.Route;
import org.neutrino.linux.Sysctl;

/**
 * Makes a router's namespace match its {@link RouterPlan}, changing only what differs: it reads
 * the namespace (links with their addresses, routes of both families, {@code ip_forward} and
 * {@code arp_notify}, every iptables table: five spawns) and then spawns at most one {@code sysctl}
 * (forwarding on, and {@code net.ipv4.conf.default.arp_notify = 1} so that every device made in
 * the namespace afterwards announces its IPv4 addresses with gratuitous ARPs when it goes up),
 * one {@code ip -batch} in the host (new veth pairs, their peer created straight in the
 * namespace, and the {@code tap} ends up), one {@code ip -batch} in the namespace (stale router
 * devices deleted, MAC, MTU, addresses before links up, routes) and one
 * {@code iptables-restore --noflush} of its tables. A deleted device takes its addresses and
 * routes with it; the floating addresses of a deleted gateway device count as removed. A namespace it creates costs no reads. It
 * never touches bridges: the L2 agent plugs the taps.
 */
final class RouterNamespaceManager {
    private static final String IPV4_FORWARD = "net.ipv4.ip_forward";
    private static final String IPV6_FORWARD = "net.ipv6.conf.all.forwarding";
    /** Devices made in the namespace after it is set send a gratuitous ARP per IPv4 address when they go up. */
    private static final String ARP_NOTIFY = "net.ipv4.conf.default.arp_notify";
    private static final String GATEWAY_PREFIX = "qg-";

    private final Executor executor;
    private final IpLib ip;
    private final IpNetns netns;

    /**
     * What one {@link #apply} changed of the floating addresses (announce the new, forget the old
     * flows).
     *
     * @param toAnnounce the added floating addresses the kernel did not announce: those put on a
     *                   {@code qg-} device that was already there (a new one announces its addresses
     *                   itself when it goes up, {@code arp_notify})
     */
    record Changes(List<String> floatingAdded, List<String> floatingRemoved, List<String> toAnnounce) {
    }

    RouterNamespaceManager(Executor executor) {
        this.executor = executor;
        this.ip = new IpLib(executor);
        this.netns = new IpNetns(executor);
    }

    /** The names of every namespace on the machine (one spawn). */
    List<String> namespaces() {
        return netns.list();
    }

    /**
     * Makes the kernel match {@code plan}.
     *
     * @param exists whether the router's namespace exists now
     * @throws org.neutrino.linux.CommandFailedException when a command fails
     */
    Changes apply(RouterPlan plan, boolean exists) {
        String namespace = plan.namespace();
        if (!exists) {
            netns.add(namespace);
        }
        IpLib inside = ip.inNamespace(namespace);
        Sysctl sysctl = new Sysctl(executor).inNamespace(namespace);
        Iptables iptables = new Iptables(executor).inNamespace(namespace);
        LinksWithAddresses state = exists ? inside.linksWithAddresses() : new LinksWithAddresses(List.of(), List.of());
        List<Link> links = state.links();
        List<LinkAddress> addresses = state.addresses();
        List<Route> routes = new ArrayList<>();
        if (exists) {
            routes.addAll(inside.routes(IpVersion.V4));
            routes.addAll(inside.routes(IpVersion.V6));
        }
        Map<String, String> kernel = exists ? sysctl.get(List.of(IPV4_FORWARD, ARP_NOTIFY)) : Map.of();
        List<IptablesTable> tables = plan.tables();
        String saved = exists ? iptables.save() : "";

        List<IpCommand> hostCommands = new ArrayList<>();
        List<IpCommand> namespaceCommands = new ArrayList<>();
        Set<String> wantedNames = plan.devices().stream().map(RouterDevice::name).collect(Collectors.toSet());
        List<String> floatingAdded = new ArrayList<>();
        List<String> toAnnounce = new ArrayList<>();
        List<String> floatingRemoved = new ArrayList<>();
        Set<String> deleted = new LinkedHashSet<>();
        for (Link link : links) {
            if (isRouterDevice(link.name()) && !wantedNames.contains(link.name())) {
                namespaceCommands.add(IpCommands.deleteLink(link.name()));
                deleted.add(link.name());
                if (link.name().startsWith(GATEWAY_PREFIX)) {
                    addresses.stream().filter(a -> a.device().equals(link.name()) && a.cidr().endsWith("/32"))
                            .forEach(a -> floatingRemoved.add(a.address()));
                }
            }
        }
        if (links.stream().noneMatch(l -> l.name().equals("lo") && l.up())) {
            namespaceCommands.add(IpCommands.setUp("lo"));
        }
        Set<String> floatingCidrs = plan.floatingCidrs();
        for (RouterDevice device : plan.devices()) {
            Optional<Link> current = links.stream().filter(l -> l.name().equals(device.name())).findFirst();
            OptionalInt mtu = device.mtu() == 0 ? OptionalInt.empty() : OptionalInt.of(device.mtu());
            if (current.isEmpty()) {
                hostCommands.add(IpCommands.addVeth(device.tap(), device.name(), Optional.of(namespace),
                        Optional.of(device.mac()), mtu));
                hostCommands.add(IpCommands.setUp(device.tap()));
            } else {
                Link link = current.get();
                if (mtu.isPresent() && link.mtu() != mtu.getAsInt()) {
                    hostCommands.add(IpCommands.setMtu(device.tap(), mtu.getAsInt()));
                    namespaceCommands.add(IpCommands.setMtu(device.name(), mtu.getAsInt()));
                }
                if (!link.mac().map(m -> m.equalsIgnoreCase(device.mac())).orElse(false)) {
                    namespaceCommands.add(IpCommands.setMac(device.name(), device.mac()));
                }
            }
            Set<String> present = addresses.stream()
                    .filter(a -> a.device().equals(device.name()) && "global".equals(a.scope()))
                    .map(a -> a.cidr().toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(LinkedHashSet::new));
            for (String cidr : present) {
                if (!device.cidrs().contains(cidr)) {
                    namespaceCommands.add(IpCommands.deleteAddress(device.name(), cidr));
                    if (device.gateway() && cidr.endsWith("/32")) {
                        floatingRemoved.add(cidr.substring(0, cidr.length() - 3));
                    }
                }
            }
            for (String cidr : device.cidrs()) {
                if (!present.contains(cidr)) {
                    namespaceCommands.add(IpCommands.addAddress(device.name(), cidr));
                    if (device.gateway() && floatingCidrs.contains(cidr)) {
                        String address = cidr.substring(0, cidr.length() - 3);
                        floatingAdded.add(address);
                        if (current.isPresent()) {
                            toAnnounce.add(address);
                        }
                    }
                }
            }
            if (current.isEmpty() || !current.get().up()) {
                namespaceCommands.add(IpCommands.setUp(device.name()));
            }
        }
        Set<RouterRoute> presentRoutes = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.device().filter(deleted::contains).isPresent()) {
                continue;
            }
            route.gateway().ifPresent(via -> presentRoutes.add(new RouterRoute(route.destination(), via)));
        }
        for (RouterRoute route : presentRoutes) {
            if (!plan.routes().contains(route)) {
                namespaceCommands.add(IpCommands.deleteRoute(route.destination(), Optional.of(route.via()),
                        Optional.empty()));
            }
        }
        for (RouterRoute route : plan.routes()) {
            if (!presentRoutes.contains(route)) {
                namespaceCommands.add(IpCommands.replaceRoute(route.destination(), Optional.of(route.via()),
                        Optional.empty()));
            }
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (!"1".equals(kernel.get(IPV4_FORWARD))) {
            settings.put(IPV4_FORWARD, "1");
            settings.put(IPV6_FORWARD, "1");
        }
        if (!"1".equals(kernel.get(ARP_NOTIFY))) {
            settings.put(ARP_NOTIFY, "1");
        }
        sysctl.set(settings);
        ip.apply(hostCommands).throwIfFailed();
        inside.apply(namespaceCommands).throwIfFailed();
        String restore = IptablesDiff.restoreInput(saved, tables);
        if (!restore.isEmpty()) {
            iptables.restore(restore);
        }
        return new Changes(floatingAdded, floatingRemoved, toAnnounce);
    }

    /** Deletes the router's namespace; its veth pairs, taps included, go with it. Absent is not an error. */
    void destroy(String namespace) {
        netns.delete(namespace);
    }

    private static boolean isRouterDevice(String name) {
        return name.startsWith("qr-") || name.startsWith(GATEWAY_PREFIX);
    }
}
