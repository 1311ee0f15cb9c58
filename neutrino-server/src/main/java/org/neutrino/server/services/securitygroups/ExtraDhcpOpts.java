package org.neutrino.server.services.securitygroups;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
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

    @Override
    public String collection() {
        return "ports";
    }

    @Override
    public void processCreate(Handle h, RequestContext context, Map<String, Object> request, Map<String, Object> created) {
        for (Option option : parse(request.get(ATTRIBUTE))) {
            if (option.value() != null) {
                upsert(h, (String) created.get("id"), option);
            }
        }
    }

    @Override
    public void processUpdate(Handle h, RequestContext context, Map<String, Object> changes, Map<String, Object> current) {
        String portId = (String) current.get("id");
        for (Option option : parse(changes.get(ATTRIBUTE))) {
            if (option.value() == null) {
                h.createUpdate("DELETE FROM extradhcpopts WHERE port_id = :p AND opt_name = :n AND ip_version = :v")
                        .bind("p", portId).bind("n", option.name()).bind("v", option.ipVersion()).execute();
            } else {
                upsert(h, portId, option);
            }
        }
    }

    private static void upsert(Handle h, String portId, Option option) {
        h.createUpdate("DELETE FROM extradhcpopts WHERE port_id = :p AND opt_name = :n AND ip_version = :v")
                .bind("p", portId).bind("n", option.name()).bind("v", option.ipVersion()).execute();
        h.createUpdate("INSERT INTO extradhcpopts (port_id, opt_name, opt_value, ip_version) VALUES (:p, :n, :o, :v)")
                .bind("p", portId).bind("n", option.name()).bind("o", option.value()).bind("v", option.ipVersion()).execute();
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
        Map<String, List<Map<String, Object>>> options = new HashMap<>();
        List<String> ids = rows.stream().map(r -> (String) r.get("id")).toList();
        for (int from = 0; from < ids.size(); from += 500) {
            h.createQuery("SELECT port_id, opt_name, opt_value, ip_version FROM extradhcpopts WHERE port_id IN (<ids>) "
                            + "ORDER BY port_id, ip_version, opt_name")
                    .bindList("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .map((rs, ctx) -> {
                        Map<String, Object> option = new LinkedHashMap<>();
                        option.put("opt_name", rs.getString(2));
                        option.put("opt_value", rs.getString(3));
                        option.put("ip_version", rs.getInt(4));
                        return Map.entry(rs.getString(1), option);
                    }).forEach(e -> options.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        }
        rows.forEach(row -> row.put(ATTRIBUTE, options.getOrDefault((String) row.get("id"), List.of())));
    }
}
