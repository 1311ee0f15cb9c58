package org.neutrino.server.callbacks;

/** The resource kinds events are published for: Neutron's member names. */
public final class Resources {
    private Resources() {
    }

    public static final String NETWORK = "network";
    public static final String SUBNET = "subnet";
    public static final String PORT = "port";
    public static final String ROUTER = "router";
    /** A router's interface on a subnet (add/remove_router_interface). */
    public static final String ROUTER_INTERFACE = "router_interface";
    /** A router's gateway on an external network. */
    public static final String ROUTER_GATEWAY = "router_gateway";
    public static final String FLOATING_IP = "floatingip";
    public static final String SECURITY_GROUP = "security_group";
    public static final String SECURITY_GROUP_RULE = "security_group_rule";
    public static final String SUBNET_POOL = "subnetpool";
    public static final String ADDRESS_SCOPE = "address_scope";
    /** An address group: {@code PRECOMMIT_UPDATE} when its addresses change, {@code PRECOMMIT_DELETE}. */
    public static final String ADDRESS_GROUP = "address_group";
    /**
     * A port forwarding of a floating IP: {@code PRECOMMIT_CREATE}, {@code _UPDATE}, {@code _DELETE}; its
     * states carry the {@code router_id} of the floating IP.
     */
    public static final String PORT_FORWARDING = "port_forwarding";
    /**
     * An agent's registration ({@code AFTER_CREATE}) and heartbeats ({@code AFTER_UPDATE}); the event's
     * {@code latest} holds {@code id}, {@code agent_type}, {@code host} and {@code start_flag}.
     */
    public static final String AGENT = "agent";
}
