package org.neutrino.agent.firewall;

import java.util.Locale;
import org.neutrino.lib.config.ConfigException;
import org.neutrino.linux.Executor;

/**
 * The firewall drivers by {@code [securitygroup] firewall_driver} name. Neutron's class paths
 * are accepted as aliases, so an operator's existing file works.
 */
public final class FirewallDrivers {
    private FirewallDrivers() {
    }

    /**
     * The canonical name of a configured driver (blank means noop).
     *
     * @throws ConfigException for a driver that is not implemented: security groups would not be
     *                         enforced as the operator expects
     */
    public static String canonicalName(String configured) {
        String name = configured == null ? "" : configured.strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.equals(NoopFirewallDriver.NAME) || name.endsWith(".noopfirewalldriver")) {
            return NoopFirewallDriver.NAME;
        }
        if (name.equals(IptablesFirewallDriver.NAME) || name.endsWith(".iptablesfirewalldriver")) {
            return IptablesFirewallDriver.NAME;
        }
        throw new ConfigException("[securitygroup] firewall_driver = " + configured.strip() + " is not implemented: "
                + "security groups would not be enforced. Set firewall_driver = iptables (ports filtered with "
                + "iptables and ipsets) or noop (no filtering; ports are then bound with port_filter false).");
    }

    /** A new driver of that (canonical) name, running its commands with {@code executor}. */
    public static FirewallDriver create(String name, Executor executor) {
        return switch (canonicalName(name)) {
            case NoopFirewallDriver.NAME -> new NoopFirewallDriver();
            case IptablesFirewallDriver.NAME -> new IptablesFirewallDriver(executor);
            default -> throw new IllegalStateException("unreachable: " + name);
        };
    }
}
