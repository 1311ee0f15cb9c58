/**
 * The Linux bridge L2 agent: {@link org.neutrino.agent.l2.LinuxBridgeAgent} wires the host's
 * {@code tap…} devices into {@code brq…} bridges with {@code vxlan-<VNI>}, flat or VLAN
 * uplinks, programs the l2population FDB and reports ports up or down;
 * {@link org.neutrino.agent.l2.LinuxBridgeAgentMain} runs it as its own process.
 */
package org.neutrino.agent.l2;
