package org.neutrino.agent.firewall;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.neutrino.linux.Conntrack;
import org.neutrino.rpc.agent.SecurityGroupInfo;

/**
 * The rules the ports of this host lost since the last apply (a rule removed from one of their
 * groups or changed, or a group a port left), as the connections those rules had let in: revoking
 * access cuts existing flows, as in Neutron ({@code _clean_deleted_sg_rule_conntrack_entries}).
 * Only a port that is filtered and stateful both before and now has such connections (a stateless
 * port's traffic is untracked; a port no longer filtered lets everything in anyway); a removed
 * port's addresses lose all their connections elsewhere. Rules are compared without their ids, so
 * a rule replaced by an equal one revokes nothing.
 */
final class RevokedRules {
    private Map<String, SecurityGroupInfo.PortFilter> appliedPorts = Map.of();
    private Map<String, SecurityGroupInfo.Group> appliedGroups = Map.of();

    /**
     * The connections of the rules each of {@code ports} had at the last {@link #applied} and has
     * no more with {@code groups}, to or from the addresses it had then (the rules let them in),
     * in the zone of its network ({@code zoneByBridge}; the default zone 0 for a network without one).
     */
    Set<Conntrack.Flows> connections(Map<String, SecurityGroupInfo.PortFilter> ports,
                                     Map<String, SecurityGroupInfo.Group> groups, Map<String, Integer> zoneByBridge) {
        Set<Conntrack.Flows> out = new TreeSet<>();
        Map<String, Set<SecurityGroupInfo.Rule>> lostByGroups = new HashMap<>();
        for (SecurityGroupInfo.PortFilter port : ports.values()) {
            SecurityGroupInfo.PortFilter before = appliedPorts.get(port.device());
            if (before == null || !tracked(before, appliedGroups) || !tracked(port, groups)) {
                continue;
            }
            Set<SecurityGroupInfo.Rule> lost = lostByGroups.computeIfAbsent(
                    groupIds(before) + " " + groupIds(port), key -> lost(before, port, groups));
            String bridge = IptablesFirewallRules.bridgeOf(port);
            int zone = bridge == null ? 0 : zoneByBridge.getOrDefault(bridge, 0);
            out.addAll(RuleConnections.of(lost, before, zone));
        }
        return out;
    }

    /** Records what the kernel has now: the next {@link #connections} compares with it. */
    void applied(Map<String, SecurityGroupInfo.PortFilter> ports, Map<String, SecurityGroupInfo.Group> groups) {
        appliedPorts = new TreeMap<>(ports);
        appliedGroups = new HashMap<>(groups);
    }

    private Set<SecurityGroupInfo.Rule> lost(SecurityGroupInfo.PortFilter before, SecurityGroupInfo.PortFilter port,
                                             Map<String, SecurityGroupInfo.Group> groups) {
        if (groupIds(before).equals(groupIds(port)) && Objects.requireNonNullElse(port.securityGroups(), List.<String>of())
                .stream().allMatch(id -> Objects.equals(appliedGroups.get(id), groups.get(id)))) {
            return Set.of();
        }
        Set<SecurityGroupInfo.Rule> out = withoutIds(IptablesFirewallRules.rulesOf(before, appliedGroups));
        out.removeAll(withoutIds(IptablesFirewallRules.rulesOf(port, groups)));
        return out;
    }

    private static Set<SecurityGroupInfo.Rule> withoutIds(List<SecurityGroupInfo.Rule> rules) {
        Set<SecurityGroupInfo.Rule> out = new LinkedHashSet<>();
        rules.forEach(r -> out.add(new SecurityGroupInfo.Rule(null, r.direction(), r.ethertype(), r.protocol(),
                r.portRangeMin(), r.portRangeMax(), r.remoteIpPrefix(), r.remoteGroupId(), r.remoteAddressGroupId())));
        return out;
    }

    private static boolean tracked(SecurityGroupInfo.PortFilter port, Map<String, SecurityGroupInfo.Group> groups) {
        return IptablesFirewallRules.filtered(port) && IptablesFirewallRules.stateful(port, groups);
    }

    private static String groupIds(SecurityGroupInfo.PortFilter port) {
        return new TreeSet<>(Objects.requireNonNullElse(port.securityGroups(), List.<String>of())).toString();
    }
}
