package org.neutrino.agent.firewall;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neutrino.rpc.agent.SecurityGroupInfo;

/** {@code firewall_driver = noop}: ports are not filtered (and are bound with {@code port_filter} false). */
public final class NoopFirewallDriver implements FirewallDriver {
    /** The name, as configured and reported. */
    public static final String NAME = "noop";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean filtered() {
        return false;
    }

    @Override
    public void deferApply() {
    }

    @Override
    public void applyDeferred() {
    }

    @Override
    public void updateSecurityGroups(Map<String, SecurityGroupInfo.Group> groups,
                                     Map<String, Map<String, List<String>>> memberIps) {
    }

    @Override
    public void updatePortFilter(SecurityGroupInfo.PortFilter port) {
    }

    @Override
    public void removePortFilter(String device) {
    }

    @Override
    public Set<String> filteredDevices() {
        return Set.of();
    }
}
