package org.neutrino.server.services.securitygroups;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.securitygroups.PortAttributeStore;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.extensions.AttributeExtension;

/**
 * {@code extra_dhcp_opts} of ports ({@code extra_dhcp_opt}): DHCP options the DHCP agent gives the
 * port, each {@code {opt_name, opt_value, ip_version}} (4 when not given). As in Neutron, an
 * update changes the options it names: a {@code null} value removes one, others are added or
 * replaced.
 */
final class ExtraDhcpOpts implements AttributeExtension {
    static final String ATTRIBUTE = "extra_dhcp_opts";
    private static final int NAME_MAX = 64;
    private static final int VALUE_MAX = 255;
    /** Options whose value may be empty (Neutron's {@code VALID_BLANK_EXTRA_DHCP_OPTS}). */
    private static final List<String> BLANK_ALLOWED = List.of("router", "classless-static-route");

    private final PortAttributeStore store;

    ExtraDhcpOpts(PortAttributeStore store) {
        this.store = store;
    }

    @Override
    public String collection() {
        return "ports";
    }

    @Override
    public void processCreate(Handle h, RequestContext context, Map<String, Object> request, Map<String, Object> created) {
        for (Option option : parse(request.get(ATTRIBUTE))) {
            if (option.value() != null) {
                store.setDhcpOption(h, (String) created.get("id"), option.name(), option.ipVersion(), option.value());
            }
        }
    }

    @Override
    public void processUpdate(Handle h, RequestContext context, Map<String, Object> changes, Map<String, Object> current) {
        String portId = (String) current.get("id");
        for (Option option : parse(changes.get(ATTRIBUTE))) {
            store.setDhcpOption(h, portId, option.name(), option.ipVersion(), option.value());
        }
    }

    /** One option of a request; a {@code null} value removes it. */
    record Option(String name, String value, int ipVersion) {
    }

    /** The options of a request, checked as neutron-lib's key specs do. */
    static List<Option> parse(Object value) {
        List<Option> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof List<?> list)) {
            throw invalid("'" + value + "' is not a list");
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> spec)) {
                throw invalid("'" + item + "' is not a dictionary");
            }
            for (Object key : spec.keySet()) {
                if (!List.of("opt_name", "opt_value", "ip_version").contains(String.valueOf(key))) {
                    throw invalid("Unexpected keys supplied: " + key);
                }
            }
            if (!(spec.get("opt_name") instanceof String name) || name.isBlank() || name.length() > NAME_MAX || name.contains("\n")) {
                throw invalid("'" + spec.get("opt_name") + "' is not a valid DHCP option name");
            }
            if (!spec.containsKey("opt_value")) {
                throw invalid("Validation of dictionary's keys failed. Expected keys: {'opt_name', 'opt_value'}");
            }
            Object optValue = spec.get("opt_value");
            if (optValue != null && (!(optValue instanceof String s) || s.length() > VALUE_MAX || s.contains("\n")
                    || s.isBlank() && !BLANK_ALLOWED.contains(name))) {
                throw invalid("'" + optValue + "' is not a valid value of DHCP option " + name);
            }
            Object version = spec.containsKey("ip_version") ? spec.get("ip_version") : (Object) 4;
            int ipVersion;
            if (version instanceof Integer i && (i == 4 || i == 6)) {
                ipVersion = i;
            } else if ("4".equals(version) || "6".equals(version)) {
                ipVersion = Integer.parseInt((String) version);
            } else {
                throw invalid("'" + version + "' is not in [4, 6]");
            }
            out.add(new Option(name, (String) optValue, ipVersion));
        }
        return out;
    }

    private static NeutronException invalid(String reason) {
        return NeutronException.badRequest("HTTPBadRequest", "Invalid input for extra_dhcp_opts. Reason: " + reason + ".");
    }

    @Override
    public void extend(Handle h, List<Map<String, Object>> rows) {
        Map<String, List<Map<String, Object>>> options = store.dhcpOptions(h, rows.stream().map(r -> (String) r.get("id")).toList());
        rows.forEach(row -> row.put(ATTRIBUTE, options.getOrDefault((String) row.get("id"), List.of())));
    }
}
