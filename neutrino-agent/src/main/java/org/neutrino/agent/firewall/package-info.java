/**
 * Security groups on the host: the {@link org.neutrino.agent.firewall.FirewallDriver} seam an L2
 * agent drives through {@link org.neutrino.agent.firewall.SecurityGroupAgent}, and its drivers
 * ({@link org.neutrino.agent.firewall.FirewallDrivers}).
 */
package org.neutrino.agent.firewall;
