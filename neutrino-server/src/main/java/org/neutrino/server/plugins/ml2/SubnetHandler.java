package org.neutrino.server.plugins.ml2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ml2.CoreTables;
import org.neutrino.db.ListQuery;
import org.neutrino.db.ipam.IpamStore;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.lib.net.Cidr;
import org.neutrino.lib.net.IpAddress;
import org.neutrino.server.api.Revisions;
import org.neutrino.server.plugins.ml2.AllocationPools.Pool;
import org.neutrino.server.agents.DhcpScheduler;
import org.neutrino.server.callbacks.Event;

/**
 * Subnets: address blocks on a network, with their allocation pools kept as IPAM free ranges.
 * Creating, updating or deleting a subnet bumps its network's revision, as Neutron's revision
 * plugin does (a subnet {@code revises_on_change} its network).
 */
public final class SubnetHandler extends Ml2ResourceHandler {
    private final IpamStore ipam;
    private final DhcpScheduler dhcpScheduler;

    SubnetHandler(ResourceDef definition, ResourceServices services, IpamStore ipam, DhcpScheduler dhcpScheduler) {
        super(definition, CoreTables.SUBNETS, "Subnet", true, services);
        this.ipam = ipam;
        this.dhcpScheduler = dhcpScheduler;
    }

    @Override
    public List<Map<String, Object>> create(RequestContext context, List<Map<String, Object>> items) {
        items.forEach(item -> publishBefore(Event.BEFORE_CREATE, context, null, null, item));
        List<String> ids = database.inTransaction(h -> {
            List<String> created = new ArrayList<>();
            for (Map<String, Object> item : items) {
                created.add(createSubnet(h, context, item));
            }
            for (String networkId : items.stream().map(i -> (String) i.get("network_id")).distinct().toList()) {
                CoreTables.NETWORKS.touch(h, networkId);
                dhcpScheduler.schedule(h, networkId);
                h.afterCommit(() -> notifier.dhcpNetworkChanged(networkId));
            }
            return created;
        });
        return loadInOrder(ids);
    }

    /**
     * Creates a subnet in {@code h}'s transaction; returns its id (DHCP scheduling is the caller's).
     * With the network's row locked, attribute extensions may first complete the item (a subnet
     * pool chooses the {@code cidr}).
     */
    String createSubnet(Handle h, RequestContext context, Map<String, Object> request) {
        String networkId = (String) request.get("network_id");
        CoreTables.NETWORKS.findForUpdate(h, networkId).orElseThrow(() -> Ml2ResourceHandler.networkNotFound(networkId));
        Map<String, Object> item = new LinkedHashMap<>(request);
        attributes.prepareCreate(collection(), h, context, item);
        String id = insert(h, item);
        Map<String, Object> row = new LinkedHashMap<>(item);
        row.put("id", id);
        attributes.processCreate(collection(), h, context, item, row);
        publishPrecommit(h, Event.PRECOMMIT_CREATE, context, id, null, row);
        publishAfterCommit(h, Event.AFTER_CREATE, context, id, null, () -> find(id).orElse(row));
        return id;
    }

    private String insert(Handle h, Map<String, Object> item) {
        String networkId = (String) item.get("network_id");
        int version = (Integer) item.get("ip_version");
        String cidrText = (String) item.get("cidr");
        if (cidrText == null) {
            throw NeutronException.badRequest("BadRequest", "Bad subnet request: a cidr must be specified in the absence of a subnet pool");
        }
        Cidr cidr = Cidr.parse(cidrText);
        if (!cidr.isCanonical()) {
            throw NeutronException.invalidInput("'" + cidrText + "' isn't a recognized IP subnet cidr, '" + cidr + "' is recommended");
        }
        if (cidr.prefixLen() == 0) {
            throw NeutronException.invalidInput("0 is not allowed as CIDR prefix length");
        }
        if (cidr.version() != version) {
            throw NeutronException.invalidInput("Cidr " + cidr + " does not match IP version " + version);
        }
        if (Boolean.TRUE.equals(item.get("enable_dhcp"))) {
            checkDhcpCapable(cidr);
        }
        checkIpv6Modes(version, Boolean.TRUE.equals(item.get("enable_dhcp")), (String) item.get("ipv6_ra_mode"),
                (String) item.get("ipv6_address_mode"));
        if (isAutoAddress(item) && cidr.prefixLen() != 64) {
            throw NeutronException.invalidInput("Invalid CIDR " + cidr + " for IPv6 address mode. OpenStack uses the EUI-64 "
                    + "address format, which requires the prefix to be /64");
        }
        for (Map<String, Object> other : h.createQuery("SELECT id, cidr FROM subnets WHERE network_id = :n")
                .bind("n", networkId).mapToMap().list()) {
            if (Cidr.parse((String) other.get("cidr")).overlaps(cidr)) {
                throw NeutronException.invalidInput("Requested subnet with cidr: " + cidr + " for network: " + networkId
                        + " overlaps with another subnet");
            }
        }
        IpAddress gateway = gateway(item, cidr);
        String id = UUID.randomUUID().toString();
        List<Pool> pools = item.containsKey("allocation_pools")
                ? AllocationPools.parse((List<?>) item.get("allocation_pools"), cidr, id)
                : AllocationPools.defaults(cidr, gateway);
        AllocationPools.checkGateway(pools, gateway);
        Map<String, Object> row = new LinkedHashMap<>(item);
        row.put("id", id);
        row.put("cidr", cidr.toString());
        row.put("gateway_ip", gateway == null ? null : gateway.toString());
        row.put("allocation_pools", AllocationPools.toJson(pools));
        row.put("dns_nameservers", nameservers(version, item.get("dns_nameservers")));
        row.put("host_routes", hostRoutes(version, item.get("host_routes")));
        quotas.consume(h, (String) row.get("project_id"), "subnet", 1);
        CoreTables.SUBNETS.insert(h, row);
        if (!isAutoAddress(row)) {
            for (Pool pool : pools) {
                ipam.addFreeRange(h, id, pool.start(), pool.end());
            }
        } else {
            addAutoAddresses(h, networkId, id, cidr);
        }
        if (item.get("tags") instanceof List<?> list && !list.isEmpty()) {
            tags.replace(h, id, list.stream().map(String::valueOf).toList());
        }
        return id;
    }

    /**
     * Neutron's {@code add_auto_addrs_on_network_ports}: on a new SLAAC or DHCPv6-stateless subnet,
     * every port of the network but router interfaces gets its EUI-64 address (a new revision,
     * and its agents are told).
     */
    private void addAutoAddresses(Handle h, String networkId, String subnetId, Cidr cidr) {
        List<Map<String, Object>> ports = h.createQuery("SELECT id, mac_address, device_owner FROM ports WHERE network_id = :n "
                + "ORDER BY id").bind("n", networkId).mapToMap().list();
        for (Map<String, Object> port : ports) {
            if (PortAddresses.ROUTER_INTERFACE_OWNERS.contains(port.get("device_owner"))) {
                continue;
            }
            String portId = (String) port.get("id");
            IpAddress address = PortAddresses.eui64(cidr, (String) port.get("mac_address"));
            ipam.insertAllocation(h, new IpamStore.Allocation(portId, subnetId, address.toString()), networkId);
            CoreTables.PORTS.touch(h, portId);
            h.afterCommit(() -> notifier.portChanged(portId, networkId));
        }
    }

    /** SLAAC and DHCPv6-stateless subnets give ports EUI-64 addresses instead of pool addresses. */
    static boolean isAutoAddress(Map<String, Object> subnet) {
        Object mode = subnet.get("ipv6_address_mode");
        return "slaac".equals(mode) || "dhcpv6-stateless".equals(mode);
    }

    private static IpAddress gateway(Map<String, Object> item, Cidr cidr) {
        if (!item.containsKey("gateway_ip")) {
            return cidr.version() == 4 && cidr.prefixLen() > 30 ? null : cidr.network().plus(1);
        }
        Object value = item.get("gateway_ip");
        if (value == null) {
            return null;
        }
        IpAddress gateway = IpAddress.parse((String) value);
        checkGatewayInSubnet(gateway, cidr);
        return gateway;
    }

    /**
     * As Neutron: the gateway must be of the subnet's IP version, and inside an IPv4 subnet it may
     * not be the network or broadcast address; a gateway outside the subnet is allowed.
     */
    private static void checkGatewayInSubnet(IpAddress gateway, Cidr cidr) {
        if (gateway.version() != cidr.version()) {
            throw NeutronException.invalidInput("gateway_ip '" + gateway + "' does not match the ip_version '" + cidr.version() + "'");
        }
        if (cidr.version() == 4 && cidr.contains(gateway) && (gateway.equals(cidr.network()) || gateway.equals(cidr.last()))) {
            throw NeutronException.invalidInput("Gateway is not valid on subnet");
        }
    }

    /**
     * Neutron's checks for a subnet that serves DHCP: room for a DHCP port, and neither a multicast
     * nor a loopback block nor one starting at 0.0.0.0. Without DHCP, /31 and /32 are allowed.
     */
    private static void checkDhcpCapable(Cidr cidr) {
        int version = cidr.version();
        if (version == 4 && cidr.prefixLen() > 30 || version == 6 && cidr.prefixLen() > 126) {
            throw NeutronException.invalidInput("Subnet has a prefix length that is incompatible with DHCP service enabled");
        }
        IpAddress network = cidr.network();
        if (Cidr.parse(version == 4 ? "224.0.0.0/4" : "ff00::/8").contains(network)) {
            throw NeutronException.invalidInput("Multicast IP subnet is not supported if enable_dhcp is True");
        }
        if (version == 4 && Cidr.parse("127.0.0.0/8").contains(network)) {
            throw NeutronException.invalidInput("Loopback IP subnet is not supported if enable_dhcp is True");
        }
        if (version == 4 && network.equals(IpAddress.parse("0.0.0.0"))) {
            throw NeutronException.invalidInput("First IP '0.0.0.0' of network is not supported if enable_dhcp is True.");
        }
    }

    /** Neutron's checks of the IPv6 modes: IPv6 only, with DHCP enabled, the same value when both are given. */
    private static void checkIpv6Modes(int version, boolean enableDhcp, String raMode, String addressMode) {
        if ((version == 4 || !enableDhcp) && (raMode != null || addressMode != null)) {
            throw NeutronException.invalidInput("ipv6_ra_mode or ipv6_address_mode cannot be set when enable_dhcp is set to "
                    + "False or the IP version is 4");
        }
        if (raMode != null && addressMode != null && !raMode.equals(addressMode)) {
            throw NeutronException.invalidInput("ipv6_ra_mode set to '" + raMode + "' with ipv6_address_mode set to '"
                    + addressMode + "' is not valid. If both attributes are set, they must be the same value");
        }
    }

    /** The validated {@code dns_nameservers} in canonical form, checked against the subnet's IP version. */
    private static List<String> nameservers(int version, Object nameservers) {
        List<String> out = new ArrayList<>();
        for (Object ns : (List<?>) nameservers) {
            IpAddress address = IpAddress.parse((String) ns);
            checkVersion(version, address.version(), "dns_nameserver", ns);
            out.add(address.toString());
        }
        return out;
    }

    private static void checkVersion(int version, int actual, String name, Object value) {
        if (actual != version) {
            throw NeutronException.invalidInput(name + " '" + value + "' does not match the ip_version '" + version + "'");
        }
    }

    /** The validated {@code host_routes} in canonical form, checked against the subnet's IP version. */
    private static List<Map<String, Object>> hostRoutes(int version, Object routes) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object route : (List<?>) routes) {
            Map<?, ?> map = (Map<?, ?>) route;
            Cidr destination = Cidr.parse((String) map.get("destination"));
            IpAddress nexthop = IpAddress.parse((String) map.get("nexthop"));
            checkVersion(version, nexthop.version(), "nexthop", map.get("nexthop"));
            checkVersion(version, destination.version(), "destination", map.get("destination"));
            Map<String, Object> canonical = new LinkedHashMap<>();
            canonical.put("destination", destination.toString());
            canonical.put("nexthop", nexthop.toString());
            out.add(canonical);
        }
        return out;
    }

    @Override
    protected List<Map<String, Object>> load(Handle h, ListQuery query) {
        List<Map<String, Object>> rows = CoreTables.SUBNETS.list(h, query);
        if (rows.isEmpty()) {
            return rows;
        }
        access.addOwners(h, rows);
        Map<String, List<String>> tagsById = tags.tagsOf(h, rows.stream().map(r -> (String) r.get("id")).toList());
        for (Map<String, Object> row : rows) {
            row.put("tenant_id", row.get("project_id"));
            row.put("tags", tagsById.getOrDefault((String) row.get("id"), List.of()));
        }
        return rows;
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes, Long expectedRevision) {
        publishBefore(Event.BEFORE_UPDATE, context, id, null, changes);
        database.inTransaction(h -> {
            Map<String, Object> current = lockAndLoad(h, id);
            Revisions.check(expectedRevision, current);
            Cidr cidr = Cidr.parse((String) current.get("cidr"));
            int version = cidr.version();
            if (Boolean.TRUE.equals(changes.get("enable_dhcp")) && !Boolean.TRUE.equals(current.get("enable_dhcp"))) {
                checkDhcpCapable(cidr);
            }
            if (Boolean.FALSE.equals(changes.get("enable_dhcp"))
                    && (current.get("ipv6_ra_mode") != null || current.get("ipv6_address_mode") != null)) {
                throw NeutronException.invalidInput("Cannot disable enable_dhcp with ipv6 attributes set");
            }
            Map<String, Object> write = new LinkedHashMap<>(changes);
            IpAddress gateway = current.get("gateway_ip") == null ? null : IpAddress.parse((String) current.get("gateway_ip"));
            if (changes.containsKey("gateway_ip")) {
                gateway = changes.get("gateway_ip") == null ? null : IpAddress.parse((String) changes.get("gateway_ip"));
                if (gateway != null) {
                    checkGatewayInSubnet(gateway, cidr);
                }
                write.put("gateway_ip", gateway == null ? null : gateway.toString());
            }
            List<Pool> pools = AllocationPools.fromJson(current.get("allocation_pools"));
            if (changes.containsKey("allocation_pools")) {
                pools = AllocationPools.parse((List<?>) changes.get("allocation_pools"), cidr, id);
                write.put("allocation_pools", AllocationPools.toJson(pools));
            }
            AllocationPools.checkGateway(pools, gateway);
            if (changes.containsKey("dns_nameservers")) {
                write.put("dns_nameservers", nameservers(version, changes.get("dns_nameservers")));
            }
            if (changes.containsKey("host_routes")) {
                write.put("host_routes", hostRoutes(version, changes.get("host_routes")));
            }
            if (changes.containsKey("allocation_pools") && !isAutoAddress(current)) {
                ipam.rebuildFreeRanges(h, id, pools.stream().map(p -> new IpAddress[] {p.start(), p.end()}).toList());
            }
            attributes.processUpdate(collection(), h, context, changes, current);
            CoreTables.SUBNETS.update(h, id, write);
            String networkId = (String) current.get("network_id");
            CoreTables.NETWORKS.touch(h, networkId);
            dhcpScheduler.schedule(h, networkId);
            Map<String, Object> latest = new LinkedHashMap<>(current);
            latest.putAll(write);
            publishPrecommit(h, Event.PRECOMMIT_UPDATE, context, id, current, latest);
            h.afterCommit(() -> notifier.dhcpNetworkChanged(networkId));
            publishAfterCommit(h, Event.AFTER_UPDATE, context, id, current, () -> find(id).orElse(latest));
            return null;
        });
        return find(id).orElseThrow(() -> notFound(id));
    }

    /**
     * Deletes a subnet as Neutron does: a router interface with an address on it keeps it
     * ({@code SubnetInUse}), and so does any other port's address on a subnet whose addresses
     * are chosen (IPv4, DHCPv6-stateful) — but DHCP ports lose theirs. The automatic addresses
     * ports hold on a SLAAC or DHCPv6-stateless subnet are removed with it; every port that
     * lost an address gets a new revision and its agents are told.
     */
    @Override
    public void delete(RequestContext context, String id, Long expectedRevision) {
        publishBefore(Event.BEFORE_DELETE, context, id, null, null);
        database.inTransaction(h -> {
            // Port rows before the subnet's: the order of every port write (PortHandler).
            holders(h, id).forEach(portId -> CoreTables.PORTS.findForUpdate(h, portId));
            Map<String, Object> current = lockAndLoad(h, id);
            Revisions.check(expectedRevision, current);
            List<String> blocking = h.createQuery("SELECT DISTINCT p.device_owner FROM ipallocations a JOIN ports p "
                            + "ON p.id = a.port_id WHERE a.subnet_id = :s AND p.device_owner <> 'network:dhcp'")
                    .bind("s", id).mapTo(String.class).list().stream()
                    .filter(owner -> !isAutoAddress(current) || PortAddresses.ROUTER_INTERFACE_OWNERS.contains(owner))
                    .toList();
            if (!blocking.isEmpty()) {
                throw NeutronException.conflict("SubnetInUse", "Unable to complete operation on subnet " + id
                        + ": One or more ports have an IP allocation from this subnet.");
            }
            deleteLocked(h, context, current);
            return null;
        });
    }

    /**
     * Deletes the subnets of a network being deleted, in {@code h}'s transaction (its ports are
     * gone but for the DHCP ports, whose addresses go with the subnets).
     */
    void deleteAllOfNetwork(Handle h, RequestContext context, String networkId) {
        for (String subnetId : h.createQuery("SELECT id FROM subnets WHERE network_id = :n ORDER BY id")
                .bind("n", networkId).mapTo(String.class).list()) {
            deleteLocked(h, context, lockAndLoad(h, subnetId));
        }
    }

    /**
     * Deletes a subnet whose row the transaction holds: the addresses ports hold on it go (their
     * ports get a new revision and their agents are told), then the subnet.
     */
    private void deleteLocked(Handle h, RequestContext context, Map<String, Object> subnet) {
        String id = (String) subnet.get("id");
        String networkId = (String) subnet.get("network_id");
        publishPrecommit(h, Event.PRECOMMIT_DELETE, context, id, subnet, null);
        List<String> touched = holders(h, id);
        h.createUpdate("DELETE FROM ipallocations WHERE subnet_id = :s").bind("s", id).execute();
        touched.forEach(portId -> CoreTables.PORTS.touch(h, portId));
        attributes.processDelete(collection(), h, subnet);
        tags.removeAll(h, id);
        CoreTables.SUBNETS.delete(h, id);
        CoreTables.NETWORKS.touch(h, networkId);
        quotas.release(h, (String) subnet.get("project_id"), "subnet", 1);
        h.afterCommit(() -> {
            notifier.dhcpNetworkChanged(networkId);
            touched.forEach(portId -> notifier.portChanged(portId, networkId));
        });
        publishAfterCommit(h, Event.AFTER_DELETE, context, id, subnet, () -> null);
    }

    /** The ports with an address on the subnet, in id order (the order their rows are locked in). */
    private static List<String> holders(Handle h, String subnetId) {
        return h.createQuery("SELECT DISTINCT port_id FROM ipallocations WHERE subnet_id = :s ORDER BY port_id")
                .bind("s", subnetId).mapTo(String.class).list();
    }

    /** {@code shared=true|false}: subnets whose network is (or is not) shared. */
    @Override
    protected Optional<ListQuery.Condition> ownFilter(String attribute, List<Object> values) {
        if (!attribute.equals("shared")) {
            return Optional.empty();
        }
        Map<String, Object> binds = new LinkedHashMap<>();
        List<String> in = new ArrayList<>();
        for (Object value : values) {
            String bind = "subnet_shared" + binds.size();
            in.add(":" + bind);
            binds.put(bind, value);
        }
        return Optional.of(new ListQuery.Condition("t.network_id IN (SELECT n.id FROM networks n WHERE n.shared IN ("
                + String.join(", ", in) + "))", binds));
    }

    @Override
    public ListQuery.Condition visibleTo(RequestContext context) {
        String onSharedNetworks = "t.network_id IN (SELECT id FROM networks WHERE shared = TRUE)";
        if (context.projectId() == null) {
            return new ListQuery.Condition(onSharedNetworks, Map.of());
        }
        return new ListQuery.Condition("t.project_id = :scope_project OR " + onSharedNetworks,
                Map.of("scope_project", context.projectId()));
    }
}
