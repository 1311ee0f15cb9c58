package org.neutrino.server.services.l3;

import static org.neutrino.lib.api.AttributeDef.UNSET;
import static org.neutrino.lib.api.AttributeDef.of;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.neutrino.lib.api.AttributeDef;
import org.neutrino.lib.api.Converter;
import org.neutrino.lib.api.Converters;
import org.neutrino.lib.api.CoreResources;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.api.Validator;
import org.neutrino.lib.api.Validators;

/** The attribute tables of routers and floating IPs and the attributes L3 adds to networks, after neutron-lib. */
final class L3Attributes {
    private L3Attributes() {
    }

    static final String EXTERNAL = "router:external";
    static final String GATEWAY_INFO = "external_gateway_info";

    /** {@code router:external} of networks (external-net): admin-only writes, filterable. */
    static AttributeDef external() {
        return of(EXTERNAL).postPut().defaultValue(false).convert(Converters.BOOLEAN).policy().filter().build();
    }

    /** {@code {network_id, enable_snat, external_fixed_ips}}; {@code null} and {@code {}} both mean "no gateway". */
    private static final Converter GATEWAY_CONVERTER = (attribute, value) -> {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return null;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            if (out.containsKey("enable_snat")) {
                out.put("enable_snat", Converters.BOOLEAN.convert("enable_snat", out.get("enable_snat")));
            }
            return out;
        }
        return value;
    };

    private static final Validator GATEWAY_VALIDATOR = value -> {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return "'" + value + "' is not a dictionary";
        }
        for (Object key : map.keySet()) {
            if (!Set.of("network_id", "enable_snat", "external_fixed_ips").contains(String.valueOf(key))) {
                return "Unexpected keys supplied: " + key;
            }
        }
        if (!map.containsKey("network_id")) {
            return "Validation of dictionary's keys failed. Expected keys: {'network_id'} Provided keys: " + map.keySet();
        }
        String error = Validators.UUID_VALUE.validate(map.get("network_id"));
        if (error == null && map.containsKey("external_fixed_ips")) {
            error = Validators.FIXED_IPS.validate(map.get("external_fixed_ips"));
        }
        return error;
    };

    /** {@code distributed} (dvr) and {@code ha} (l3-ha): admin only, and only {@code false} is served. */
    static AttributeDef adminFlag(String name) {
        return of(name).postPut().defaultValue(UNSET).convert((attribute, value) ->
                value == null ? null : Converters.BOOLEAN.convert(attribute, value)).policy().build();
    }

    static ResourceDef routers() {
        return new ResourceDef("routers", "router").extend(CoreResources.standardAttributes()).extend(
            of("name").postPut().defaultValue("").validate(Validators.string(CoreResources.NAME_MAX)).query().build(),
            of("admin_state_up").postPut().defaultValue(true).convert(Converters.BOOLEAN).query().build(),
            of("status").query().build(),
            of(GATEWAY_INFO).postPut().defaultValue(null).convert(GATEWAY_CONVERTER).validate(GATEWAY_VALIDATOR).policy().build());
    }

    /** {@code routes} of routers (extraroute): set on update only. */
    static AttributeDef routes() {
        return of("routes").put().defaultValue(UNSET).convert(Converters.NONE_TO_EMPTY_LIST)
                .validate(Validators.hostRoutes(Integer.MAX_VALUE)).build();
    }

    static ResourceDef floatingIps() {
        return new ResourceDef("floatingips", "floatingip").extend(CoreResources.standardAttributes()).extend(
            of("floating_ip_address").post().defaultValue(null).validate(Validators.IP_ADDRESS_OR_NONE).policy().query().build(),
            of("subnet_id").post().defaultValue(null).validate(Validators.UUID_OR_NONE).hidden().build(),
            of("floating_network_id").post().validate(Validators.UUID_VALUE).query().build(),
            of("router_id").query().build(),
            of("port_id").postPut().defaultValue(null).validate(Validators.UUID_OR_NONE).query().build(),
            of("fixed_ip_address").postPut().defaultValue(null).validate(Validators.IP_ADDRESS_OR_NONE).query().build(),
            of("status").query().build());
    }

    /** {@code port_details} of floating IPs (fip-port-details): the associated port's summary. */
    static AttributeDef portDetails() {
        return of("port_details").build();
    }

    /** The body of add/remove_router_interface. */
    static AttributeDef[] interfaceBody() {
        return new AttributeDef[] {
            of("subnet_id").put().validate(Validators.UUID_VALUE).build(),
            of("port_id").put().validate(Validators.UUID_VALUE).build(),
        };
    }

    /** The body of add/remove_extraroutes: {@code {"router": {"routes": [...]}}}. */
    static AttributeDef extraRoutesBody() {
        return of("routes").put().convert(Converters.NONE_TO_EMPTY_LIST).validate(Validators.hostRoutes(Integer.MAX_VALUE)).build();
    }
}
