package org.neutrino.agent.firewall;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.neutrino.agent.common.ServerRpc;
import org.neutrino.rpc.agent.SecurityGroupInfo;

/**
 * The agent's side of security groups (Neutron's {@code SecurityGroupAgentRpc}): pulls
 * {@code security_group_info_for_devices} for the devices a pass found new, changed or touched
 * by a security-group cast — one call for all of them — and hands the answer to the
 * {@link FirewallDriver} in one deferred batch. With a driver that does not filter, it never
 * calls the server.
 *
 * <p>Called by the agent's loop thread only.
 */
public final class SecurityGroupAgent {
    private final ServerRpc server;
    private final FirewallDriver driver;
    /** The filter inputs of every filtered device, as last pulled. */
    private final Map<String, SecurityGroupInfo.PortFilter> ports = new HashMap<>();
    /** The rules of every group those devices use, as last pulled. */
    private final Map<String, SecurityGroupInfo.Group> groups = new HashMap<>();

    public SecurityGroupAgent(ServerRpc server, FirewallDriver driver) {
        this.server = server;
        this.driver = driver;
    }

    public FirewallDriver driver() {
        return driver;
    }

    /**
     * The filtered devices a change of {@code groupIds} concerns: those in one of the groups
     * (its rules changed) and those with a rule naming one as {@code remote_group_id} (its
     * members changed).
     */
    public Set<String> devicesAffectedBy(Collection<String> groupIds) {
        Set<String> out = new TreeSet<>();
        for (SecurityGroupInfo.PortFilter port : ports.values()) {
            for (String group : port.securityGroups()) {
                SecurityGroupInfo.Group g = groups.get(group);
                boolean member = groupIds.contains(group);
                boolean remote = g != null && g.rules().stream()
                        .anyMatch(r -> r.remoteGroupId() != null && groupIds.contains(r.remoteGroupId()));
                if (member || remote) {
                    out.add(port.device());
                }
            }
        }
        return out;
    }

    /**
     * Filters {@code devices} as the server says now (a device the server does not answer for
     * is no longer filtered) and stops filtering {@code removed}, in one driver batch.
     */
    public void refresh(Set<String> devices, Set<String> removed) {
        if (!driver.filtered() || (devices.isEmpty() && removed.isEmpty())) {
            return;
        }
        SecurityGroupInfo info = devices.isEmpty() ? null : server.securityGroupInfo(devices);
        driver.deferApply();
        for (String device : removed) {
            ports.remove(device);
            driver.removePortFilter(device);
        }
        if (info != null) {
            Map<String, SecurityGroupInfo.Group> pulledGroups = Objects.requireNonNullElse(info.securityGroups(), Map.of());
            groups.putAll(pulledGroups);
            driver.updateSecurityGroups(pulledGroups, Objects.requireNonNullElse(info.sgMemberIps(), Map.of()));
            Map<String, SecurityGroupInfo.PortFilter> answered = Objects.requireNonNullElse(info.devices(), Map.of());
            for (String device : devices) {
                SecurityGroupInfo.PortFilter port = answered.get(device);
                if (port == null) {
                    ports.remove(device);
                    driver.removePortFilter(device);
                } else {
                    ports.put(device, port);
                    driver.updatePortFilter(port);
                }
            }
        }
        driver.applyDeferred();
        Set<String> used = new TreeSet<>();
        ports.values().forEach(p -> used.addAll(p.securityGroups()));
        groups.keySet().retainAll(used);
    }
}
