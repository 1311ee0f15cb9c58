package org.neutrino.server.plugins.ml2;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ipam.IpamStore.Allocation;
import org.neutrino.db.ipam.IpamStore;
import org.neutrino.db.ml2.CoreTables;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.lib.net.Cidr;
import org.neutrino.lib.net.IpAddress;
import org.neutrino.lib.net.MacAddress;

/**
 * The addresses of a port, as Neutron allocates them: without {@code fixed_ips}, one address
 * from the first IPv4 subnet with room and one from the first stateful IPv6 subnet; EUI-64
 * addresses on every SLAAC/DHCPv6-stateless subnet; requested addresses by subnet, address or
 * both.
 */
final class PortAddresses {
    /**
     * Neutron's router interface owners: their ports may take any address of a SLAAC or
     * DHCPv6-stateless subnet (the gateway, typically), and keep a subnet from being deleted.
     */
    static final Set<String> ROUTER_INTERFACE_OWNERS = Set.of("network:router_interface",
            "network:router_interface_distributed", "network:ha_router_replicated_interface");

    private final IpamStore ipam;
    private final int maxFixedIps;

    /** @param maxFixedIps {@code max_fixed_ips_per_port}: the most entries a request's {@code fixed_ips} may have */
    PortAddresses(IpamStore ipam, int maxFixedIps) {
        this.ipam = ipam;
        this.maxFixedIps = maxFixedIps;
    }

    IpamStore ipam() {
        return ipam;
    }

    /**
     * A requested address on a subnet: {@code ip} is the address if it is known before allocation
     * (asked for, or the EUI-64 address a router interface takes on an automatic-address subnet),
     * {@code null} for "any address of the pools".
     */
    private record Request(Subnet subnet, IpAddress ip) {
    }

    /** Allocates the addresses of a new port; {@code fixedIps} {@code null} means "not specified". */
    void allocate(Handle h, String portId, String networkId, String mac, String deviceOwner, List<Subnet> subnets,
                  List<?> fixedIps) {
        List<Request> requests = fixedIps == null ? List.of() : parse(h, networkId, mac, deviceOwner, subnets, fixedIps);
        if (fixedIps == null) {
            for (int version : new int[] {4, 6}) {
                List<Subnet> candidates = subnets.stream().filter(s -> s.version() == version && !s.autoAddress()).toList();
                if (!candidates.isEmpty()) {
                    allocateFromAny(h, portId, networkId, candidates);
                }
            }
        }
        for (Request request : requests) {
            allocateOne(h, portId, networkId, request);
        }
        for (Subnet subnet : subnets) {
            if (subnet.autoAddress() && requests.stream().noneMatch(r -> r.subnet().id().equals(subnet.id()))) {
                take(h, portId, networkId, subnet, eui64(subnet, mac));
            }
        }
    }

    /**
     * Replaces the addresses of a port: requests matching an address it holds keep it
     * ({@code {"subnet_id": s}} keeps its address on s), the rest is released or allocated. As in
     * Neutron, a port that is not a router interface keeps its addresses on automatic-address
     * subnets whatever the request says: they are not the client's to choose.
     */
    void replace(Handle h, String portId, String networkId, String mac, String deviceOwner, List<Subnet> subnets,
                 List<?> fixedIps) {
        List<Request> requests = parse(h, networkId, mac, deviceOwner, subnets, fixedIps);
        List<Allocation> current = new ArrayList<>(ipam.allocationsOfPorts(h, List.of(portId)).getOrDefault(portId, List.of()));
        List<Request> toAdd = new ArrayList<>();
        List<Allocation> kept = new ArrayList<>();
        if (!ROUTER_INTERFACE_OWNERS.contains(deviceOwner)) {
            current.stream().filter(a -> subnets.stream().anyMatch(s -> s.autoAddress() && s.id().equals(a.subnetId())))
                    .forEach(kept::add);
        }
        for (Request request : requests) {
            Optional<Allocation> match = current.stream().filter(a -> !kept.contains(a) && a.subnetId().equals(request.subnet().id())
                    && (request.ip() == null || IpAddress.parse(a.ipAddress()).equals(request.ip()))).findFirst();
            if (match.isPresent()) {
                kept.add(match.get());
            } else {
                toAdd.add(request);
            }
        }
        for (Allocation allocation : current) {
            if (!kept.contains(allocation)) {
                release(h, allocation, subnets);
            }
        }
        for (Request request : toAdd) {
            allocateOne(h, portId, networkId, request);
        }
    }

    void releaseAll(Handle h, String portId, List<Subnet> subnets) {
        for (Allocation allocation : ipam.allocationsOfPorts(h, List.of(portId)).getOrDefault(portId, List.of())) {
            release(h, allocation, subnets);
        }
    }

    private void release(Handle h, Allocation allocation, List<Subnet> subnets) {
        ipam.deleteAllocation(h, allocation);
        IpAddress ip = IpAddress.parse(allocation.ipAddress());
        subnets.stream().filter(s -> s.id().equals(allocation.subnetId())).findFirst()
                .filter(s -> !s.autoAddress() && s.inPools(ip))
                .ifPresent(s -> ipam.giveBack(h, s.id(), ip));
    }

    /**
     * The requests of {@code fixed_ips}, checked against the network's subnets, those with a
     * known address first (Neutron allocates them before the others, which might take them). At
     * most {@code max_fixed_ips_per_port} entries, as Neutron's {@code InvalidInput}; ports of
     * {@code network:*} owners (DHCP, router interfaces), which Neutron trusts, are exempt. As in
     * Neutron, {@code {"subnet_id": s}} on an automatic-address subnet asks for nothing for a port
     * that is not a router interface (it gets its EUI-64 address on every such subnet anyway).
     * Two requests for the same address are refused here, before anything is stored: storing it
     * twice would fail on the key every time.
     */
    private List<Request> parse(Handle h, String networkId, String mac, String deviceOwner, List<Subnet> subnets,
                                List<?> fixedIps) {
        if (fixedIps.size() > maxFixedIps && !isTrusted(deviceOwner)) {
            throw NeutronException.invalidInput("Exceeded maximum amount of fixed ips per port.");
        }
        List<Request> out = new ArrayList<>();
        for (Object item : fixedIps) {
            Map<?, ?> map = (Map<?, ?>) item;
            String subnetId = (String) map.get("subnet_id");
            IpAddress ip = map.get("ip_address") == null ? null : IpAddress.parse((String) map.get("ip_address"));
            Subnet subnet;
            if (subnetId != null) {
                if (subnets.stream().noneMatch(s -> s.id().equals(subnetId)) && CoreTables.SUBNETS.find(h, subnetId).isEmpty()) {
                    throw Ml2ResourceHandler.subnetNotFound(subnetId);
                }
                subnet = subnets.stream().filter(s -> s.id().equals(subnetId)).findFirst().orElseThrow(() ->
                        NeutronException.badRequest("InvalidInput", "Invalid input for operation: Failed to create port on network "
                                + networkId + ", because fixed_ips included invalid subnet " + subnetId + "."));
                if (ip != null && !subnet.cidr().contains(ip)) {
                    throw NeutronException.badRequest("InvalidIpForSubnet", "IP address " + ip + " is not a valid IP for the specified subnet.");
                }
            } else {
                subnet = subnets.stream().filter(s -> s.cidr().contains(ip)).findFirst().orElseThrow(() ->
                        NeutronException.badRequest("InvalidIpForNetwork", "IP address " + ip
                                + " is not a valid IP for any of the subnets on the specified network."));
            }
            if (ip != null && subnet.version() == 4 && subnet.cidr().prefixLen() <= 30
                    && (ip.equals(subnet.cidr().network()) || ip.equals(subnet.cidr().last()))) {
                throw NeutronException.badRequest("InvalidIpForSubnet", "IP address " + ip + " is not a valid IP for the specified subnet.");
            }
            boolean routerInterface = ROUTER_INTERFACE_OWNERS.contains(deviceOwner);
            if (ip != null && subnet.autoAddress() && !routerInterface) {
                throw NeutronException.badRequest("AllocationOnAutoAddressSubnet", "IPv6 address " + ip + " cannot be directly "
                        + "assigned to a port on subnet " + subnet.id() + " as the subnet is configured for automatic addresses");
            }
            if (ip == null && subnet.autoAddress() && !routerInterface) {
                continue;
            }
            out.add(new Request(subnet, ip == null && subnet.autoAddress() ? eui64(subnet, mac) : ip));
        }
        Set<IpAddress> addresses = new HashSet<>();
        for (Request request : out) {
            if (request.ip() != null && !addresses.add(request.ip())) {
                throw NeutronException.badRequest("HTTPBadRequest", "Invalid input for fixed_ips. Reason: Duplicate IP address '"
                        + request.ip() + "'.");
            }
        }
        out.sort(Comparator.comparing(r -> r.ip() == null));
        return out;
    }

    /** Neutron's {@code is_port_trusted}: ports the network itself owns ({@code network:dhcp}, router interfaces). */
    private static boolean isTrusted(String deviceOwner) {
        return deviceOwner != null && deviceOwner.startsWith("network:");
    }

    private void allocateOne(Handle h, String portId, String networkId, Request request) {
        Subnet subnet = request.subnet();
        if (request.ip() != null) {
            if (ipam.isAllocated(h, subnet.id(), request.ip().toString())) {
                throw NeutronException.conflict("IpAddressAlreadyAllocated", "IP address " + request.ip()
                        + " already allocated in subnet " + subnet.id());
            }
            if (!subnet.autoAddress()) {
                ipam.takeSpecific(h, subnet.id(), request.ip());
            }
            take(h, portId, networkId, subnet, request.ip());
        } else {
            IpAddress ip = ipam.allocateAny(h, subnet.id(), subnet.version()).orElseThrow(() ->
                    NeutronException.conflict("IpAddressGenerationFailure", "No more IP addresses available for subnet " + subnet.id() + "."));
            take(h, portId, networkId, subnet, ip);
        }
    }

    private void allocateFromAny(Handle h, String portId, String networkId, List<Subnet> candidates) {
        for (Subnet subnet : candidates) {
            Optional<IpAddress> ip = ipam.allocateAny(h, subnet.id(), subnet.version());
            if (ip.isPresent()) {
                take(h, portId, networkId, subnet, ip.get());
                return;
            }
        }
        throw NeutronException.conflict("IpAddressGenerationFailure", "No more IP addresses available on network " + networkId + ".");
    }

    private void take(Handle h, String portId, String networkId, Subnet subnet, IpAddress ip) {
        ipam.insertAllocation(h, new Allocation(portId, subnet.id(), ip.toString()), networkId);
    }

    private static IpAddress eui64(Subnet subnet, String mac) {
        return eui64(subnet.cidr(), mac);
    }

    /** The EUI-64 address of {@code mac} in the /64 {@code cidr}. */
    static IpAddress eui64(Cidr cidr, String mac) {
        BigInteger prefix = cidr.network().value();
        BigInteger id = BigInteger.valueOf(MacAddress.eui64(mac)).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        return new IpAddress(6, prefix.or(id));
    }
}
