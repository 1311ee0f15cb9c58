package org.neutrino.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds the {@link IpCommand}s the agents need; run them with {@link IpLib#execute(IpCommand)}
 * or many at once with {@link IpLib#apply(List)}.
 */
public final class IpCommands {
    /** The IANA VXLAN port. */
    public static final int VXLAN_PORT = 4789;

    private IpCommands() {
    }

    /** A veth pair {@code name} / {@code peer}, both ends here. */
    public static IpCommand addVeth(String name, String peer) {
        return addVeth(name, peer, Optional.empty(), Optional.empty(), OptionalInt.empty());
    }

    /**
     * A veth pair whose {@code peer} end is created straight in {@code peerNamespace} (when
     * given), with {@code peerMac} on the peer and {@code mtu} on both ends.
     */
    public static IpCommand addVeth(String name, String peer, Optional<String> peerNamespace,
                                    Optional<String> peerMac, OptionalInt mtu) {
        List<String> args = new ArrayList<>(List.of("link", "add", name));
        mtu.ifPresent(m -> args.addAll(List.of("mtu", Integer.toString(m))));
        args.addAll(List.of("type", "veth", "peer", "name", peer));
        peerMac.ifPresent(mac -> args.addAll(List.of("address", mac)));
        mtu.ifPresent(m -> args.addAll(List.of("mtu", Integer.toString(m))));
        peerNamespace.ifPresent(ns -> args.addAll(List.of("netns", ns)));
        return new IpCommand(args);
    }

    /** A Linux bridge (STP off, as the kernel creates it). */
    public static IpCommand addBridge(String name) {
        return new IpCommand(List.of("link", "add", name, "type", "bridge"));
    }

    /**
     * A unicast VXLAN device (no multicast group; flooding follows the FDB, see
     * {@link BridgeFdb}) with learning off, as l2population wants it.
     *
     * @param local  the local VTEP address ({@code [vxlan] local_ip})
     * @param device the underlay device carrying {@code local}, if it is to be pinned
     */
    public static IpCommand addVxlan(String name, int vni, Optional<String> local, Optional<String> device) {
        List<String> args = new ArrayList<>(List.of("link", "add", name, "type", "vxlan", "id", Integer.toString(vni)));
        local.ifPresent(l -> args.addAll(List.of("local", l)));
        device.ifPresent(d -> args.addAll(List.of("dev", d)));
        args.addAll(List.of("dstport", Integer.toString(VXLAN_PORT), "nolearning"));
        return new IpCommand(args);
    }

    /**
     * An 802.1q sub-interface {@code name} of {@code physicalDevice} for {@code vlanId} (name it
     * with {@code DeviceNames.vlanSubinterface}). Note: some kernels, such as the test machines',
     * lack the {@code vlan} link type.
     */
    public static IpCommand addVlan(String name, String physicalDevice, int vlanId) {
        return new IpCommand(List.of("link", "add", "link", physicalDevice, "name", name, "type", "vlan",
                "id", Integer.toString(vlanId)));
    }

    public static IpCommand setMaster(String device, String master) {
        return new IpCommand(List.of("link", "set", "dev", device, "master", master));
    }

    public static IpCommand setNoMaster(String device) {
        return new IpCommand(List.of("link", "set", "dev", device, "nomaster"));
    }

    public static IpCommand setUp(String device) {
        return new IpCommand(List.of("link", "set", "dev", device, "up"));
    }

    public static IpCommand setDown(String device) {
        return new IpCommand(List.of("link", "set", "dev", device, "down"));
    }

    public static IpCommand setMtu(String device, int mtu) {
        if (mtu < 68) {
            throw new IllegalArgumentException("MTU below the IPv4 minimum of 68: " + mtu);
        }
        return new IpCommand(List.of("link", "set", "dev", device, "mtu", Integer.toString(mtu)));
    }

    public static IpCommand setMac(String device, String mac) {
        return new IpCommand(List.of("link", "set", "dev", device, "address", mac));
    }

    /** Moves {@code device} into network namespace {@code namespace}. */
    public static IpCommand setNamespace(String device, String namespace) {
        return new IpCommand(List.of("link", "set", "dev", device, "netns", namespace));
    }

    public static IpCommand deleteLink(String device) {
        return new IpCommand(List.of("link", "delete", "dev", device));
    }

    /** Adds {@code cidr} (e.g. {@code 10.0.0.2/24}); IPv4 addresses get the computed broadcast. */
    public static IpCommand addAddress(String device, String cidr) {
        List<String> args = new ArrayList<>(List.of("address", "add", cidr));
        if (IpVersion.of(cidr) == IpVersion.V4) {
            args.addAll(List.of("brd", "+"));
        }
        args.addAll(List.of("dev", device));
        return new IpCommand(args);
    }

    /**
     * Adds {@code cidr} as {@link #addAddress}, an IPv6 one without duplicate address detection
     * ({@code nodad}): usable at once, for an address the server allocated to this device alone.
     */
    public static IpCommand addAddressWithoutDad(String device, String cidr) {
        IpCommand add = addAddress(device, cidr);
        if (IpVersion.of(cidr) == IpVersion.V4) {
            return add;
        }
        List<String> args = new ArrayList<>(add.args());
        args.add(args.size() - 2, "nodad");
        return new IpCommand(args);
    }

    public static IpCommand deleteAddress(String device, String cidr) {
        return new IpCommand(List.of("address", "delete", cidr, "dev", device));
    }

    /** Removes every global-scope address (v4 and v6) of {@code device}; link-local ones stay. */
    public static IpCommand flushAddresses(String device) {
        return new IpCommand(List.of("address", "flush", "dev", device, "scope", "global"));
    }

    /** Adds or replaces a route to {@code destination} (a CIDR), via a gateway and/or a device. */
    public static IpCommand replaceRoute(String destination, Optional<String> via, Optional<String> device) {
        return route("replace", destination, via, device);
    }

    /** Adds or replaces the default route of {@code via}'s family. */
    public static IpCommand replaceDefaultRoute(String via, Optional<String> device) {
        return replaceRoute(IpVersion.of(via).defaultDestination(), Optional.of(via), device);
    }

    public static IpCommand deleteRoute(String destination, Optional<String> via, Optional<String> device) {
        return route("delete", destination, via, device);
    }

    private static IpCommand route(String verb, String destination, Optional<String> via, Optional<String> device) {
        if (via.isEmpty() && device.isEmpty()) {
            throw new IllegalArgumentException("a route needs a gateway or a device: " + destination);
        }
        List<String> args = new ArrayList<>(List.of("route", verb, destination));
        via.ifPresent(v -> args.addAll(List.of("via", v)));
        device.ifPresent(d -> args.addAll(List.of("dev", d)));
        return new IpCommand(args);
    }

    /** A permanent neighbour entry {@code ip} → {@code mac} on {@code device}, added or replaced. */
    public static IpCommand replaceNeighbour(String device, String ip, String mac) {
        return new IpCommand(List.of("neigh", "replace", ip, "lladdr", mac, "dev", device, "nud", "permanent"));
    }

    public static IpCommand deleteNeighbour(String device, String ip) {
        return new IpCommand(List.of("neigh", "delete", ip, "dev", device));
    }
}
