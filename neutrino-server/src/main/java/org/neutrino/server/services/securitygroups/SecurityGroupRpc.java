package org.neutrino.server.services.securitygroups;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.ml2.AgentPortQueries;
import org.neutrino.db.ml2.CoreTables;
import org.neutrino.db.securitygroups.SecurityGroupStore;
import org.neutrino.db.securitygroups.SecurityGroupTables;
import org.neutrino.lib.DeviceNames;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.SecurityGroupInfo;
import org.neutrino.server.plugins.CorePlugin;

/**
 * The firewall drivers' call {@code security_group_info_for_devices {devices, host}}: for the
 * ports of those tap devices bound to {@code host}, their filter inputs, the rules of their
 * groups and the member addresses of the groups and address groups those rules name as remote
 * (both in {@code sg_member_ips}, as Neutron sends them). One read
 * transaction with a fixed number of queries whatever the number of devices (one per 500 ids
 * where a read is by ids).
 */
final class SecurityGroupRpc {
    private final Database database;
    private final CorePlugin core;
    private final SecurityGroupStore store;
    private final RemoteAddressGroups addressGroups;
    private final AgentPortQueries queries = new AgentPortQueries();

    SecurityGroupRpc(Database database, CorePlugin core, SecurityGroupStore store, RemoteAddressGroups addressGroups) {
        this.database = database;
        this.core = core;
        this.store = store;
        this.addressGroups = addressGroups;
    }

    JsonNode securityGroupInfoForDevices(Message message) {
        JsonNode args = message.args();
        List<String> devices = new ArrayList<>();
        args.path("devices").forEach(d -> devices.add(d.asText()));
        return AgentJson.tree(infoForDevices(devices, args.path("host").asText(null)));
    }

    SecurityGroupInfo infoForDevices(List<String> devices, String host) {
        return database.read(h -> read(h, devices, host));
    }

    private SecurityGroupInfo read(Handle h, List<String> devices, String host) {
        Set<String> prefixes = new HashSet<>();
        devices.forEach(device -> DeviceNames.portIdPrefixOfTap(device).ifPresent(prefixes::add));
        List<String> ids = host == null ? List.of() : queries.portIdsOnHost(h, host, prefixes, DeviceNames.ID_PREFIX_LENGTH);
        List<Map<String, Object>> ports = ids.isEmpty() ? List.of()
                : core.getPorts(h, ListQuery.all().and(CoreTables.PORTS.in("id", ids, "id")));
        Set<String> wanted = new HashSet<>(devices);
        Map<String, SecurityGroupInfo.PortFilter> filters = new TreeMap<>();
        Set<String> groupIds = new LinkedHashSet<>();
        for (Map<String, Object> port : ports) {
            String device = DeviceNames.tap((String) port.get("id"));
            if (!wanted.contains(device)) {
                continue;
            }
            boolean enabled = !Boolean.FALSE.equals(port.get(PortSecurity.ATTRIBUTE));
            List<String> groups = enabled ? strings(port.get(PortSecurityGroups.ATTRIBUTE)) : List.of();
            groupIds.addAll(groups);
            filters.put(device, new SecurityGroupInfo.PortFilter(device, (String) port.get("id"), (String) port.get("network_id"),
                    (String) port.get("mac_address"), addresses(port.get("fixed_ips")), pairs(port.get(AllowedAddressPairs.ATTRIBUTE)),
                    groups, enabled, (String) port.get("device_owner")));
        }
        Map<String, SecurityGroupInfo.Group> groups = new TreeMap<>();
        Set<String> remotes = new LinkedHashSet<>();
        Set<String> remoteAddressGroups = new LinkedHashSet<>();
        if (!groupIds.isEmpty()) {
            Map<String, List<Map<String, Object>>> rules = store.rulesOfGroups(h, groupIds);
            for (Map<String, Object> group : SecurityGroupTables.GROUPS.list(h, ListQuery.all()
                    .and(SecurityGroupTables.GROUPS.in("id", groupIds, "g")))) {
                String id = (String) group.get("id");
                List<SecurityGroupInfo.Rule> out = new ArrayList<>();
                for (Map<String, Object> rule : rules.getOrDefault(id, List.of())) {
                    String remote = (String) rule.get("remote_group_id");
                    if (remote != null) {
                        remotes.add(remote);
                    }
                    String remoteAddressGroup = (String) rule.get("remote_address_group_id");
                    if (remoteAddressGroup != null) {
                        remoteAddressGroups.add(remoteAddressGroup);
                    }
                    out.add(new SecurityGroupInfo.Rule((String) rule.get("id"), (String) rule.get("direction"),
                            (String) rule.get("ethertype"), canonicalProtocol((String) rule.get("protocol")),
                            (Integer) rule.get("port_range_min"), (Integer) rule.get("port_range_max"),
                            (String) rule.get("remote_ip_prefix"), remote, remoteAddressGroup));
                }
                groups.put(id, new SecurityGroupInfo.Group((Boolean) group.get("stateful"), out));
            }
        }
        Map<String, Map<String, List<String>>> members = new TreeMap<>();
        if (!remotes.isEmpty()) {
            Map<String, Map<String, List<String>>> found = store.memberAddresses(h, remotes);
            for (String remote : remotes) {
                Map<String, List<String>> byVersion = new LinkedHashMap<>();
                byVersion.put("IPv4", found.getOrDefault(remote, Map.of()).getOrDefault("IPv4", List.of()));
                byVersion.put("IPv6", found.getOrDefault(remote, Map.of()).getOrDefault("IPv6", List.of()));
                members.put(remote, byVersion);
            }
        }
        if (!remoteAddressGroups.isEmpty()) {
            members.putAll(addressGroups.members(h, remoteAddressGroups));
        }
        return new SecurityGroupInfo(filters, groups, members);
    }

    /** A rule's protocol as the contract says: the lower-case name when it has one, else the number. */
    static String canonicalProtocol(String protocol) {
        if (protocol == null) {
            return null;
        }
        return IpProtocols.nameAndNumber(protocol).get(0);
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> out.add(String.valueOf(item)));
        }
        return out;
    }

    private static List<String> addresses(Object fixedIps) {
        List<String> out = new ArrayList<>();
        if (fixedIps instanceof List<?> list) {
            for (Object ip : list) {
                out.add(String.valueOf(((Map<?, ?>) ip).get("ip_address")));
            }
        }
        return out;
    }

    private static List<SecurityGroupInfo.AddressPair> pairs(Object value) {
        List<SecurityGroupInfo.AddressPair> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object pair : list) {
                Map<?, ?> p = (Map<?, ?>) pair;
                out.add(new SecurityGroupInfo.AddressPair(String.valueOf(p.get("ip_address")), (String) p.get("mac_address")));
            }
        }
        return out;
    }
}
