package org.neutrino.server.services.trace;

import java.util.Set;

/**
 * One hop of a port's path, as {@code GET /v2.0/ports/{id}/trace} shows it.
 *
 * @param kind     what the hop is: {@code port}, {@code l2_agent}, {@code tap}, {@code bridge},
 *                 {@code vxlan}, {@code fdb}, {@code uplink}, {@code security_groups}, {@code dhcp_agent},
 *                 {@code dhcp_namespace}, {@code dhcp_interface}, {@code dhcp_host_entry}; for a
 *                 floating IP also {@code floatingip}, {@code l3_agent}, {@code router_namespace},
 *                 {@code router_gateway}, {@code routes}, {@code dnat}, {@code snat}, {@code router_interface}
 * @param name     the device, namespace or resource the hop is about
 * @param host     the host it lives on
 * @param expected what the model says should be there
 * @param observed what the host's agent reported
 * @param verdict  {@code ok}, {@code unfiltered} (nothing to check), or what is wrong: see {@link #BROKEN}
 */
public record TraceHop(String kind, String name, String host, String expected, String observed, String verdict) {
    public static final String OK = "ok";
    public static final String UNFILTERED = "unfiltered";
    public static final String MISSING = "missing";
    public static final String DOWN = "down";
    public static final String WRONG_BRIDGE = "wrong_bridge";
    public static final String WRONG_ADDRESS = "wrong_address";
    public static final String NO_RULE = "no_rule";
    public static final String UNBOUND = "unbound";
    public static final String NO_AGENT = "no_agent";
    public static final String NO_ANSWER = "no_answer";
    /** The verdicts that mean the path is broken at this hop. */
    public static final Set<String> BROKEN = Set.of(MISSING, DOWN, WRONG_BRIDGE, WRONG_ADDRESS, NO_RULE, UNBOUND,
            NO_AGENT, NO_ANSWER);

    public boolean broken() {
        return BROKEN.contains(verdict);
    }
}
