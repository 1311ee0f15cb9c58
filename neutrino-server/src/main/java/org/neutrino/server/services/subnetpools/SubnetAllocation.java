package org.neutrino.server.services.subnetpools;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.subnetpools.SubnetPoolTables;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.lib.net.Cidr;
import org.neutrino.lib.net.IpAddress;
import org.neutrino.server.extensions.AttributeExtension;

/**
 * Subnets from pools, as Neutron's subnet allocator: a subnet naming a pool ({@code subnetpool_id},
 * or {@code use_default_subnetpool}) gets the first free prefix of the requested length
 * ({@code prefixlen}, else the pool's default) or has its requested {@code cidr} checked against
 * the pool's free space. The pool's row is locked first, so concurrent allocations from one pool
 * are serialised and never overlap. The core then derives the gateway and allocation pools as for
 * any subnet. Also enforces that the subnets of one IP version on a network come from one pool, or
 * from pools of one address scope.
 */
final class SubnetAllocation implements AttributeExtension {

    @Override
    public String collection() {
        return "subnets";
    }

    @Override
    public void prepareCreate(Handle h, RequestContext context, Map<String, Object> item) {
        boolean hasCidr = item.get("cidr") != null;
        Integer prefixlen = (Integer) item.remove("prefixlen");
        boolean useDefault = Boolean.TRUE.equals(item.remove("use_default_subnetpool"));
        if (hasCidr && prefixlen != null) {
            throw badSubnet("cidr and prefixlen must not be supplied together");
        }
        String poolId = (String) item.get("subnetpool_id");
        if (useDefault && poolId != null) {
            throw badSubnet("subnetpool_id and use_default_subnetpool cannot both be specified");
        }
        int version = hasCidr ? Cidr.parse((String) item.get("cidr")).version() : (Integer) item.get("ip_version");
        if (useDefault) {
            poolId = defaultPool(h, context, version);
        }
        String networkId = (String) item.get("network_id");
        if (poolId == null) {
            checkAffinity(h, networkId, version, null, null);
            return;
        }
        if (!hasCidr && item.containsKey("allocation_pools")) {
            throw badSubnet("allocation_pools allowed only for specific subnet requests.");
        }
        String id = poolId;
        Map<String, Object> pool = SubnetPoolTables.SUBNETPOOLS.findForUpdate(h, id)
                .filter(p -> ShareableResourceHandler.visible(context, p))
                .orElseThrow(() -> NeutronException.notFound("SubnetPoolNotFound", "Subnet pool " + id + " could not be found."));
        int poolVersion = ((Number) pool.get("ip_version")).intValue();
        if (((Integer) item.get("ip_version")) != poolVersion) {
            throw badSubnet("Cannot allocate IPv" + item.get("ip_version") + " subnet from IPv" + poolVersion + " subnet pool");
        }
        checkAffinity(h, networkId, poolVersion, poolId, (String) pool.get("address_scope_id"));
        int defaultLength = ((Number) pool.get("default_prefixlen")).intValue();
        boolean fromGateway = !hasCidr && item.get("gateway_ip") != null;
        int length = hasCidr ? Cidr.parse((String) item.get("cidr")).prefixLen() : prefixlen != null ? prefixlen : defaultLength;
        checkBounds(pool, length);
        Cidr requested = hasCidr ? Cidr.parse((String) item.get("cidr"))
                : fromGateway ? new Cidr(new Cidr(IpAddress.parse((String) item.get("gateway_ip")), length).network(), length) : null;
        List<Cidr> allocated = SubnetPoolHandler.allocations(h, poolId);
        checkQuota(h, pool, (String) item.get("project_id"), length);
        PrefixSet free = PrefixSet.parse(poolVersion, (List<?>) pool.get("prefixes")).minus(PrefixSet.of(poolVersion, allocated));
        Cidr chosen;
        if (requested != null) {
            if (!free.containsAll(PrefixSet.of(poolVersion, List.of(requested)))) {
                throw allocationError("Cannot allocate requested subnet from the available set of prefixes");
            }
            chosen = requested;
        } else {
            chosen = free.firstFit(length).orElseThrow(() -> allocationError("Insufficient prefix space to allocate subnet size /" + length));
        }
        if (!hasCidr) {
            item.put("cidr", chosen.toString());
        }
        item.put("subnetpool_id", poolId);
    }

    /** The default pool of the IP version, if the caller may see it. */
    private static String defaultPool(Handle h, RequestContext context, int version) {
        return SubnetPoolTables.SUBNETPOOLS.list(h, org.neutrino.db.ListQuery.all().and(SubnetPoolTables.SUBNETPOOLS.in(
                        "default_ip_version", List.of(version), "default_version"))).stream()
                .filter(p -> ShareableResourceHandler.visible(context, p)).map(p -> (String) p.get("id")).findFirst()
                .orElseThrow(() -> badSubnet("No default subnetpool found for IPv" + version));
    }

    private static void checkBounds(Map<String, Object> pool, int length) {
        int max = ((Number) pool.get("max_prefixlen")).intValue();
        int min = ((Number) pool.get("min_prefixlen")).intValue();
        if (length > max) {
            throw NeutronException.badRequest("MaxPrefixSubnetAllocationError", "Unable to allocate subnet with prefix length " + length
                    + ", maximum allowed prefix is " + max + ".");
        }
        if (length < min) {
            throw NeutronException.badRequest("MinPrefixSubnetAllocationError", "Unable to allocate subnet with prefix length " + length
                    + ", minimum allowed prefix is " + min + ".");
        }
    }

    /**
     * The pool's {@code default_quota}, in /32 (IPv4) or /64 (IPv6) units, bounds the address space
     * each project holds from the pool (a quota of 0 or none is no limit, as in Neutron).
     */
    private static void checkQuota(Handle h, Map<String, Object> pool, String projectId, int length) {
        Number quota = (Number) pool.get("default_quota");
        if (quota == null || quota.intValue() == 0) {
            return;
        }
        int unit = ((Number) pool.get("ip_version")).intValue() == 4 ? 32 : 64;
        List<Cidr> held = h.createQuery("SELECT cidr FROM subnets WHERE subnetpool_id = :p AND project_id = :project")
                .bind("p", pool.get("id")).bind("project", projectId).mapTo(String.class).list().stream().map(Cidr::parse).toList();
        BigInteger wanted = PrefixSet.units(held, unit).add(PrefixSet.unitsOf(length, unit));
        if (wanted.compareTo(BigInteger.valueOf(quota.longValue())) > 0) {
            throw NeutronException.conflict("SubnetPoolQuotaExceeded", "Per-tenant subnet pool prefix quota exceeded.");
        }
    }

    /**
     * Neutron's network affinity: the subnets of one IP version on a network come from one pool,
     * or from pools of one address scope; a subnet without pool cannot join pooled ones.
     */
    private static void checkAffinity(Handle h, String networkId, int version, String poolId, String poolScope) {
        List<Map<String, Object>> existing = h.createQuery("SELECT s.subnetpool_id AS pool_id, p.address_scope_id AS scope_id "
                        + "FROM subnets s LEFT JOIN subnetpools p ON p.id = s.subnetpool_id WHERE s.network_id = :n AND s.ip_version = :v")
                .bind("n", networkId).bind("v", version).mapToMap().list();
        String networkScope = existing.stream().map(r -> (String) r.get("scope_id")).filter(Objects::nonNull).findFirst().orElse(null);
        if (networkScope != null && poolId != null && !networkScope.equals(poolScope)) {
            throw ScopeMembership.networkAffinity();
        }
        for (Map<String, Object> subnet : existing) {
            Object theirs = subnet.get("pool_id");
            boolean conflict = poolId != null ? !poolId.equals(theirs) && networkScope == null : theirs != null;
            if (conflict) {
                throw NeutronException.badRequest("NetworkSubnetPoolAffinityError", "Subnets hosted on the same network must be "
                        + "allocated from the same subnet pool.");
            }
        }
    }

    private static NeutronException badSubnet(String message) {
        return NeutronException.badRequest("BadRequest", "Bad subnets request: " + message + ".");
    }

    /** Neutron's {@code SubnetAllocationError}; 409 here, as the pool's state refuses the request. */
    private static NeutronException allocationError(String reason) {
        return NeutronException.conflict("SubnetAllocationError", "Failed to allocate subnet: " + reason + ".");
    }

    /** Subnets carry {@code subnetpool_id} in their own table: nothing to add on reads. */
    @Override
    public void extend(Handle h, List<Map<String, Object>> rows) {
    }
}
