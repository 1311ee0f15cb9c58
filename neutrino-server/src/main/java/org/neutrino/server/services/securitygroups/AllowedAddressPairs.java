package org.neutrino.server.services.securitygroups;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.securitygroups.PortAttributeStore;
import org.neutrino.lib.api.Validators;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.lib.net.Cidr;
import org.neutrino.lib.net.IpAddress;
import org.neutrino.lib.net.MacAddress;
import org.neutrino.server.extensions.AttributeExtension;

/**
 * {@code allowed_address_pairs} of ports: other addresses (or CIDRs), each with a MAC (the port's
 * when not given), the port may send from; at most {@code [DEFAULT] max_allowed_address_pair}.
 * Checked as neutron-lib's validator does, with its error types; an update replaces the list.
 */
final class AllowedAddressPairs implements AttributeExtension {
    static final String ATTRIBUTE = "allowed_address_pairs";

    private final PortAttributeStore store;
    private final int max;

    AllowedAddressPairs(PortAttributeStore store, int max) {
        this.store = store;
        this.max = max;
    }

    @Override
    public String collection() {
        return "ports";
    }

    @Override
    public void processCreate(Handle h, RequestContext context, Map<String, Object> request, Map<String, Object> created) {
        List<Map<String, String>> pairs = validate(request.get(ATTRIBUTE), (String) created.get("mac_address"));
        if (!pairs.isEmpty() && Boolean.FALSE.equals(created.get(PortSecurity.ATTRIBUTE))) {
            throw PortSecurity.addressPairsNeedPortSecurity();
        }
        store.replaceAddressPairs(h, (String) created.get("id"), pairs);
    }

    @Override
    public void processUpdate(Handle h, RequestContext context, Map<String, Object> changes, Map<String, Object> current) {
        if (changes.containsKey(ATTRIBUTE)) {
            List<Map<String, String>> pairs = validate(changes.get(ATTRIBUTE), (String) current.get("mac_address"));
            store.replaceAddressPairs(h, (String) current.get("id"), pairs);
        }
    }

    /** The pairs as stored (every one with its MAC), or Neutron's error. */
    List<Map<String, String>> validate(Object value, String portMac) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw NeutronException.badRequest("HTTPBadRequest", "Allowed address pairs must be a list.");
        }
        if (list.size() > max) {
            throw NeutronException.badRequest("AllowedAddressPairExhausted", "The number of allowed address pair exceeds the maximum "
                    + max + ".");
        }
        List<Map<String, String>> out = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> pair)) {
                throw NeutronException.badRequest("HTTPBadRequest", "Invalid input for allowed_address_pairs. Reason: '" + item
                        + "' is not a dictionary.");
            }
            Object mac = pair.get("mac_address");
            if (pair.containsKey("mac_address") && Validators.MAC_ADDRESS.validate(mac) != null) {
                throw NeutronException.badRequest("HTTPBadRequest", Validators.MAC_ADDRESS.validate(mac));
            }
            if (!pair.containsKey("ip_address")) {
                throw NeutronException.badRequest("AllowedAddressPairsMissingIP", "AllowedAddressPair must contain ip_address");
            }
            Object ip = pair.get("ip_address");
            if (!seen.add(java.util.Arrays.asList(String.valueOf(mac), String.valueOf(ip)))) {
                throw NeutronException.badRequest("DuplicateAddressPairInRequest", "Request contains duplicate address pair: "
                        + "mac_address " + mac + " ip_address " + ip + ".");
            }
            Set<String> unknown = new HashSet<>();
            pair.keySet().forEach(k -> unknown.add(String.valueOf(k)));
            unknown.removeAll(Set.of("mac_address", "ip_address"));
            if (!unknown.isEmpty()) {
                throw NeutronException.badRequest("HTTPBadRequest", "Unrecognized attribute(s) '" + String.join(", ", unknown) + "'");
            }
            String address = canonicalAddress(ip);
            Map<String, String> stored = new LinkedHashMap<>();
            stored.put("ip_address", address);
            stored.put("mac_address", mac == null ? portMac : MacAddress.normalize((String) mac).orElse((String) mac));
            out.add(stored);
        }
        return out;
    }

    private static String canonicalAddress(Object ip) {
        if (ip instanceof String s) {
            if (s.contains("/")) {
                if (Cidr.tryParse(s).isPresent()) {
                    return s;
                }
            } else if (IpAddress.tryParse(s).isPresent()) {
                return IpAddress.parse(s).toString();
            }
        }
        throw NeutronException.badRequest("HTTPBadRequest", "'" + ip + "' is not a valid IP address or subnet");
    }

    @Override
    public void extend(Handle h, List<Map<String, Object>> rows) {
        Map<String, List<Map<String, Object>>> pairs = store.addressPairs(h, rows.stream().map(r -> (String) r.get("id")).toList());
        rows.forEach(row -> row.put(ATTRIBUTE, pairs.getOrDefault((String) row.get("id"), List.of())));
    }
}
