package org.neutrino.server.plugins.ml2;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.ml2.AgentPortQueries;
import org.neutrino.db.ml2.CoreTables;
import org.neutrino.lib.DeviceNames;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.DeviceDetails;
import org.neutrino.server.plugins.ml2.drivers.Segment;
import org.neutrino.server.rpc.AgentNotifier;

/**
 * The L2 agents' device surface: {@code get_devices_details_list} and {@code update_device_list}.
 * Only the asked ports are read (by tap prefix on the host index), so the cost follows the
 * request, not the number of ports on the host; status and binding writes go through the ports'
 * table and bump their revisions.
 */
final class DeviceRpc {
    private final Database database;
    private final AgentPortQueries queries = new AgentPortQueries();
    private final PortHandler ports;
    private final NetworkSegments segments;
    private final PortBinder binder;
    private final AgentNotifier notifier;

    DeviceRpc(Database database, PortHandler ports, NetworkSegments segments, PortBinder binder, AgentNotifier notifier) {
        this.database = database;
        this.ports = ports;
        this.segments = segments;
        this.binder = binder;
        this.notifier = notifier;
    }

    JsonNode devicesDetails(Message message) {
        JsonNode args = message.args();
        return AgentJson.tree(devicesDetails(AgentViews.strings(args.get("devices")), args.path("host").asText(null)));
    }

    JsonNode updateDeviceList(Message message) {
        JsonNode args = message.args();
        return AgentJson.tree(updateDeviceList(AgentViews.strings(args.get("devices_up")), AgentViews.strings(args.get("devices_down")),
                args.path("host").asText(null)));
    }

    /** Ports bound to {@code host}, by their tap name. */
    private Map<String, Map<String, Object>> portsByDevice(Handle h, Collection<String> devices, String host) {
        Set<String> prefixes = new HashSet<>();
        for (String device : devices) {
            DeviceNames.portIdPrefixOfTap(device).ifPresent(prefixes::add);
        }
        Map<String, Map<String, Object>> out = new HashMap<>();
        List<String> ids = queries.portIdsOnHost(h, host, prefixes, DeviceNames.ID_PREFIX_LENGTH);
        if (ids.isEmpty()) {
            return out;
        }
        for (Map<String, Object> port : ports.loadAll(h, ListQuery.all().and(CoreTables.PORTS.in("id", ids, "id")))) {
            out.put(DeviceNames.tap((String) port.get("id")), port);
        }
        return out;
    }

    private List<DeviceDetails> devicesDetails(List<String> devices, String host) {
        Map<String, Map<String, Object>> found = database.read(h -> portsByDevice(h, devices, host));
        rebindFailed(found.values());
        Map<String, List<Segment>> segmentsByNetwork = new HashMap<>();
        Map<String, Integer> mtus = database.read(h -> {
            for (Map<String, Object> port : found.values()) {
                segmentsByNetwork.computeIfAbsent((String) port.get("network_id"), n -> segments.segmentsOf(h, n));
            }
            return queries.mtus(h, segmentsByNetwork.keySet());
        });
        List<DeviceDetails> out = new ArrayList<>();
        for (String device : devices) {
            Map<String, Object> port = found.get(device);
            List<Segment> networkSegments = port == null ? List.of()
                    : segmentsByNetwork.getOrDefault((String) port.get("network_id"), List.of());
            if (port == null || networkSegments.isEmpty()) {
                out.add(DeviceDetails.unknown(device));
                continue;
            }
            Segment segment = networkSegments.get(0);
            out.add(new DeviceDetails(device, (String) port.get("id"), (String) port.get("network_id"),
                    (String) port.get("mac_address"), (Boolean) port.get("admin_state_up"), segment.networkType(),
                    segment.physicalNetwork(), segment.segmentationId(), mtus.get((String) port.get("network_id")),
                    AgentViews.fixedIps(port), (String) port.get("device_owner")));
        }
        return out;
    }

    /** Ports whose binding failed (their agent was not up yet) are bound again when their agent asks. */
    private void rebindFailed(Collection<Map<String, Object>> found) {
        List<Map<String, Object>> failed = found.stream().filter(p -> "binding_failed".equals(p.get("binding:vif_type"))).toList();
        if (failed.isEmpty()) {
            return;
        }
        database.inTransaction(h -> {
            for (Map<String, Object> port : failed) {
                binder.bind(h, port);
                Map<String, Object> binding = new LinkedHashMap<>();
                binding.put("binding:vif_type", port.get("binding:vif_type"));
                binding.put("binding:vif_details", port.get("binding:vif_details"));
                CoreTables.PORTS.update(h, (String) port.get("id"), binding);
            }
            return null;
        });
    }

    private Map<String, List<String>> updateDeviceList(List<String> up, List<String> down, String host) {
        Set<String> networks = new HashSet<>();
        Map<String, List<String>> result = database.inTransaction(h -> {
            networks.clear();
            List<String> all = new ArrayList<>(up);
            all.addAll(down);
            Map<String, Map<String, Object>> found = portsByDevice(h, all, host);
            Map<String, List<String>> out = new LinkedHashMap<>();
            out.put("devices_up", new ArrayList<>());
            out.put("devices_down", new ArrayList<>());
            out.put("failed_devices_up", new ArrayList<>());
            out.put("failed_devices_down", new ArrayList<>());
            setStatus(h, up, found, "ACTIVE", out.get("devices_up"), out.get("failed_devices_up"), networks);
            setStatus(h, down, found, "DOWN", out.get("devices_down"), out.get("failed_devices_down"), networks);
            return out;
        });
        notifier.fdbChanged(networks);
        return result;
    }

    private static void setStatus(Handle h, List<String> devices, Map<String, Map<String, Object>> found, String status,
                                  List<String> done, List<String> failed, Set<String> changedNetworks) {
        List<String> ids = new ArrayList<>();
        for (String device : devices) {
            Map<String, Object> port = found.get(device);
            if (port == null) {
                failed.add(device);
                continue;
            }
            done.add(device);
            if (!status.equals(port.get("status"))) {
                ids.add((String) port.get("id"));
                changedNetworks.add((String) port.get("network_id"));
            }
        }
        CoreTables.PORTS.updateAll(h, ids, Map.of("status", status));
    }
}
