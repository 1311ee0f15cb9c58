package org.neutrino.agent.firewall;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neutrino.rpc.agent.SecurityGroupInfo;

/**
 * How an L2 agent filters its ports' traffic by security groups, as Neutron's
 * {@code FirewallDriver}: the agent tells the driver which ports to filter and with which
 * groups, rules and member addresses ({@link SecurityGroupInfo}); the driver owns the kernel
 * objects that do it. Changes made between {@link #deferApply()} and {@link #applyDeferred()}
 * reach the kernel together (one batch per table), so a burst of updates costs one apply.
 *
 * <p>Called by one thread (the agent's loop) only.
 */
public interface FirewallDriver {
    /** The name reported as {@code firewall_driver} in the agent's {@code configurations}. */
    String name();

    /**
     * Whether this driver really filters ports: the server binds ports with
     * {@code binding:vif_details.port_filter} true exactly then.
     */
    boolean filtered();

    /** Starts a batch: the changes that follow are only planned. */
    void deferApply();

    /** Ends the batch: applies every planned change to the kernel at once. */
    void applyDeferred();

    /**
     * Sets the rules and the {@code remote_group_id} member addresses of groups (those named
     * replace what the driver knew of them; others are kept).
     *
     * @param memberIps group id → {@code IPv4}/{@code IPv6} → addresses
     */
    void updateSecurityGroups(Map<String, SecurityGroupInfo.Group> groups, Map<String, Map<String, List<String>>> memberIps);

    /** Filters {@code port}'s device (new or changed) by its groups, as last given by {@link #updateSecurityGroups}. */
    void updatePortFilter(SecurityGroupInfo.PortFilter port);

    /** Stops filtering {@code device}; nothing happens when it is not filtered. */
    void removePortFilter(String device);

    /** The devices this driver filters now (or will after {@link #applyDeferred()}). */
    Set<String> filteredDevices();
}
