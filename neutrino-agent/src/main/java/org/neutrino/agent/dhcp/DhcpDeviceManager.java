package org.neutrino.agent.dhcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.BatchResult;
import org.neutrino.linux.Executor;
import org.neutrino.linux.IpCommand;
import org.neutrino.linux.IpCommands;
import org.neutrino.linux.IpLib;
import org.neutrino.linux.IpNetns;
import org.neutrino.linux.IpVersion;
import org.neutrino.linux.Link;
import org.neutrino.linux.LinkAddress;
import org.neutrino.linux.Sysctl;

/**
 * Makes and removes the DHCP port's devices (the Linux bridge interface driver of Neutron):
 * the {@code qdhcp-} namespace and the veth pair {@code tap<port11>} / {@code ns-<port11>}.
 *
 * <p>{@link #setup} reads the namespace (its links and the port device's addresses) and
 * changes only what differs, in two {@code ip -batch} spawns at most: one in the host (create
 * the veth with its peer straight in the namespace, or fix the tap's MTU) and one in the
 * namespace (lo up, addresses, MAC, MTU, port device up), and before a new IPv6 address one
 * {@code sysctl} in the namespace that turns router advertisements off. IPv6 addresses are
 * added without duplicate address detection, so that dnsmasq can bind them at once. A device it has already set up as
 * wanted costs no spawn until {@link #forget} or {@link #forgetAll} (the agent's full pass)
 * makes it look at the kernel again. Another veth in the namespace (the device of a previous
 * DHCP port of the network) is deleted. It never touches bridges: the L2 agent plugs the tap.
 */
public final class DhcpDeviceManager {
    private final IpLib ip;
    private final IpNetns netns;
    private final Sysctl sysctl;
    private final Map<String, DhcpPortDevice> applied = new ConcurrentHashMap<>();

    public DhcpDeviceManager(Executor executor) {
        this.ip = new IpLib(executor);
        this.netns = new IpNetns(executor);
        this.sysctl = new Sysctl(executor);
    }

    /**
     * Makes the kernel match {@code device}.
     *
     * @param adopt whether an existing namespace of the network is this agent's (made by an
     *              earlier run); when false, only a namespace this call creates is used
     * @throws ForeignNamespaceException when the namespace exists and {@code adopt} is false;
     *                                   nothing was changed
     * @throws org.neutrino.linux.CommandFailedException when a command fails
     */
    public void setup(DhcpPortDevice device, boolean adopt) {
        if (device.equals(applied.get(device.networkId()))) {
            return;
        }
        applied.remove(device.networkId());
        String namespace = device.namespace();
        String port = device.interfaceName();
        boolean exists = netns.exists(namespace);
        if (exists && !adopt) {
            throw new ForeignNamespaceException(namespace);
        }
        if (!exists) {
            netns.add(namespace);
        }
        boolean fresh = !exists;
        IpLib inside = ip.inNamespace(namespace);
        List<Link> links = fresh ? List.of() : inside.links();
        Optional<Link> current = links.stream().filter(l -> l.name().equals(port)).findFirst();
        Set<String> addresses = current.isEmpty() ? Set.of() : inside.addresses(port).stream()
                .filter(a -> "global".equals(a.scope())).map(LinkAddress::cidr).map(DhcpDeviceManager::normal)
                .collect(Collectors.toSet());
        OptionalInt mtu = device.mtu() == 0 ? OptionalInt.empty() : OptionalInt.of(device.mtu());

        List<IpCommand> hostCommands = new ArrayList<>();
        List<IpCommand> namespaceCommands = new ArrayList<>();
        for (Link link : links) {
            if (link.isKind("veth") && !link.name().equals(port)) {
                namespaceCommands.add(IpCommands.deleteLink(link.name()));
            }
        }
        if (current.isEmpty()) {
            hostCommands.add(IpCommands.addVeth(device.tapName(), port, Optional.of(namespace),
                    Optional.of(device.mac()), mtu));
            hostCommands.add(IpCommands.setUp(device.tapName()));
        } else {
            Link link = current.get();
            if (mtu.isPresent() && link.mtu() != mtu.getAsInt()) {
                hostCommands.add(IpCommands.setMtu(device.tapName(), mtu.getAsInt()));
                namespaceCommands.add(IpCommands.setMtu(port, mtu.getAsInt()));
            }
            if (!link.mac().map(m -> m.equalsIgnoreCase(device.mac())).orElse(false)) {
                namespaceCommands.add(IpCommands.setMac(port, device.mac()));
            }
        }
        if (links.stream().noneMatch(l -> l.name().equals("lo") && l.up())) {
            namespaceCommands.add(IpCommands.setUp("lo"));
        }
        Set<String> wanted = device.cidrs().stream().map(DhcpDeviceManager::normal).collect(Collectors.toSet());
        for (String cidr : addresses) {
            if (!wanted.contains(cidr)) {
                namespaceCommands.add(IpCommands.deleteAddress(port, cidr));
            }
        }
        boolean newIpv6 = false;
        for (String cidr : device.cidrs()) {
            if (!addresses.contains(normal(cidr))) {
                namespaceCommands.add(IpCommands.addAddressWithoutDad(port, cidr));
                newIpv6 |= IpVersion.of(cidr) == IpVersion.V6;
            }
        }
        if (current.isEmpty() || !current.get().up()) {
            namespaceCommands.add(IpCommands.setUp(port));
        }
        ip.apply(hostCommands).throwIfFailed();
        if (newIpv6) {
            sysctl.inNamespace(namespace).set(acceptNoRouterAdvertisements(port));
        }
        inside.apply(namespaceCommands).throwIfFailed();
        applied.put(device.networkId(), device);
    }

    /**
     * As Neutron's DHCP device manager: the namespace ignores router advertisements, so that the
     * port device has the server's addresses only (none made by SLAAC).
     */
    private static Map<String, String> acceptNoRouterAdvertisements(String port) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String device : List.of("all", "default", port)) {
            values.put("net.ipv6.conf." + device + ".accept_ra", "0");
        }
        return values;
    }

    /**
     * Removes the network's devices: the tap of {@code portId} (which takes its {@code ns-}
     * peer with it) when known, then the namespace. Absent devices are not an error.
     */
    public void destroy(String networkId, Optional<String> portId) {
        applied.remove(networkId);
        if (portId.isPresent()) {
            BatchResult result = ip.apply(List.of(IpCommands.deleteLink(DeviceNames.tap(portId.get()))));
            if (result.failures().stream().anyMatch(f -> !f.message().contains("Cannot find device"))) {
                result.throwIfFailed();
            }
        }
        netns.delete(DeviceNames.dhcpNamespace(networkId));
    }

    /** Makes the next {@link #setup} of the network read the kernel again. */
    public void forget(String networkId) {
        applied.remove(networkId);
    }

    /** Makes the next {@link #setup} of every network read the kernel again. */
    public void forgetAll() {
        applied.clear();
    }

    private static String normal(String cidr) {
        return cidr.toLowerCase(Locale.ROOT);
    }
}
