package org.neutrino.server.plugins.ml2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.db.ml2.SegmentStore;
import org.neutrino.server.config.ServerOptions;
import org.neutrino.server.plugins.ml2.drivers.FlatTypeDriver;
import org.neutrino.server.plugins.ml2.drivers.LocalTypeDriver;
import org.neutrino.server.plugins.ml2.drivers.Segment;
import org.neutrino.server.plugins.ml2.drivers.SegmentRanges;
import org.neutrino.server.plugins.ml2.drivers.TunnelTypeDriver;
import org.neutrino.server.plugins.ml2.drivers.TypeDriver;
import org.neutrino.server.plugins.ml2.drivers.VlanTypeDriver;

/**
 * The loaded type drivers, by name and in configured order, as Neutron's {@code TypeManager}:
 * provider segments are validated and reserved by their driver, project networks get a segment
 * from the first tenant type with room.
 */
public final class TypeManager {
    private final Map<String, TypeDriver> drivers = new LinkedHashMap<>();
    private final List<String> tenantTypes;
    private final int physnetMtu;

    TypeManager(List<TypeDriver> drivers, List<String> tenantTypes, int physnetMtu) {
        drivers.forEach(d -> this.drivers.put(d.type(), d));
        for (String type : tenantTypes) {
            if (!this.drivers.containsKey(type)) {
                throw new IllegalArgumentException("[ml2] tenant_network_types: '" + type + "' is not in [ml2] type_drivers");
            }
        }
        this.tenantTypes = List.copyOf(tenantTypes);
        this.physnetMtu = physnetMtu;
    }

    /** Builds the drivers named by {@code [ml2] type_drivers} from the configuration. */
    static TypeManager fromConfig(Config config, SegmentStore store) {
        int physnetMtu = config.get(Ml2Options.PATH_MTU) > 0 ? config.get(Ml2Options.PATH_MTU) : config.get(ServerOptions.GLOBAL_PHYSNET_MTU);
        List<TypeDriver> drivers = new ArrayList<>();
        for (String type : config.get(Ml2Options.TYPE_DRIVERS)) {
            drivers.add(switch (type) {
                case "local" -> new LocalTypeDriver();
                case "flat" -> new FlatTypeDriver(config.get(Ml2Options.FLAT_NETWORKS), store, physnetMtu);
                case "vlan" -> new VlanTypeDriver(SegmentRanges.parseVlan(config.get(Ml2Options.NETWORK_VLAN_RANGES),
                        "[ml2_type_vlan] network_vlan_ranges"), store, physnetMtu);
                case "vxlan" -> new TunnelTypeDriver("vxlan", SegmentRanges.parse(config.get(Ml2Options.VXLAN_VNI_RANGES), 1,
                        (1 << 24) - 1, "[ml2_type_vxlan] vni_ranges"), (1 << 24) - 1, physnetMtu, TunnelTypeDriver.VXLAN_OVERHEAD, store);
                case "geneve" -> new TunnelTypeDriver("geneve", SegmentRanges.parse(config.get(Ml2Options.GENEVE_VNI_RANGES), 1,
                        (1 << 24) - 1, "[ml2_type_geneve] vni_ranges"), (1 << 24) - 1, physnetMtu, TunnelTypeDriver.GENEVE_OVERHEAD, store);
                case "gre" -> new TunnelTypeDriver("gre", SegmentRanges.parse(config.get(Ml2Options.GRE_TUNNEL_ID_RANGES), 1,
                        Integer.MAX_VALUE, "[ml2_type_gre] tunnel_id_ranges"), Integer.MAX_VALUE, physnetMtu, TunnelTypeDriver.GRE_OVERHEAD, store);
                default -> throw new IllegalArgumentException("[ml2] type_drivers: unknown type '" + type
                        + "' (known: local, flat, vlan, vxlan, geneve, gre)");
            });
        }
        return new TypeManager(drivers, config.get(Ml2Options.TENANT_NETWORK_TYPES), physnetMtu);
    }

    void initialize(Handle handle) {
        drivers.values().forEach(d -> d.initialize(handle));
    }

    private TypeDriver driver(String type) {
        TypeDriver driver = drivers.get(type);
        if (driver == null) {
            throw NeutronException.invalidInput("network_type value '" + type + "' not supported");
        }
        return driver;
    }

    /** Checks requested provider segments before anything is written. */
    void validate(List<Segment> requested) {
        for (Segment segment : requested) {
            if (segment.networkType() == null) {
                throw NeutronException.invalidInput("network_type required");
            }
            driver(segment.networkType()).validateProviderSegment(segment);
        }
    }

    /** Reserves the requested segments, or allocates one for a project network. */
    List<Segment> createSegments(Handle handle, String networkId, List<Segment> requested) {
        List<Segment> out = new ArrayList<>();
        if (requested.isEmpty()) {
            for (String type : tenantTypes) {
                Optional<Segment> segment = drivers.get(type).allocateTenantSegment(handle, networkId);
                if (segment.isPresent()) {
                    out.add(segment.get());
                    return out;
                }
            }
            throw NeutronException.serviceUnavailable("NoNetworkAvailable",
                    "Unable to create the network. No tenant network is available for allocation.");
        }
        for (Segment segment : requested) {
            out.add(driver(segment.networkType()).reserveProviderSegment(handle, segment, networkId));
        }
        return out;
    }

    void releaseSegments(Handle handle, List<Segment> segments) {
        for (Segment segment : segments) {
            TypeDriver driver = drivers.get(segment.networkType());
            if (driver != null) {
                driver.releaseSegment(handle, segment);
            }
        }
    }

    /** The largest MTU the segments allow: the smallest of their types' limits. */
    int maxMtu(List<Segment> segments) {
        int mtu = physnetMtu;
        for (Segment segment : segments) {
            int limit = drivers.containsKey(segment.networkType()) ? drivers.get(segment.networkType()).mtu(segment) : 0;
            if (limit > 0) {
                mtu = Math.min(mtu, limit);
            }
        }
        return mtu;
    }
}
