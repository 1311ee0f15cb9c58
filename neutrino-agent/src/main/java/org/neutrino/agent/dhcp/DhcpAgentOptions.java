package org.neutrino.agent.dhcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.neutrino.agent.common.AgentOptions;
import org.neutrino.agent.common.InterfaceDrivers;
import org.neutrino.agent.metadata.MetadataOptions;
import org.neutrino.lib.config.Opt;

/** The DHCP agent's options ({@code dhcp_agent.ini}), with Neutron's names and defaults. */
public final class DhcpAgentOptions {
    private DhcpAgentOptions() {
    }

    public static final Opt<Integer> DHCP_LEASE_DURATION = Opt.integer("DEFAULT", "dhcp_lease_duration", 86400,
            -1, null, "DHCP lease duration in seconds; -1 means infinite. Zero is refused.");
    public static final Opt<String> DNS_DOMAIN = Opt.string("DEFAULT", "dns_domain", "openstacklocal",
            "Domain of the host names dnsmasq hands out (host-10-0-0-5.openstacklocal).");
    public static final Opt<Integer> DNSMASQ_LEASE_MAX = Opt.integer("DEFAULT", "dnsmasq_lease_max", 1 << 24, 1,
            null, "Most leases one dnsmasq keeps.");
    public static final Opt<Integer> RESYNC_INTERVAL = Opt.integer("DEFAULT", "resync_interval", 5, 1, null,
            "Seconds between two retries of the networks whose last synchronisation failed; every 12th interval "
                    + "is a full pass over the networks scheduled to this agent.");
    public static final Opt<Integer> NUM_SYNC_THREADS = Opt.integer("DEFAULT", "num_sync_threads", 4, 1, null,
            "How many networks are synchronised at the same time.");
    public static final Opt<String> INTERFACE_DRIVER = InterfaceDrivers.OPTION;
    public static final Opt<String> DHCP_DRIVER = Opt.choice("DEFAULT", "dhcp_driver", "dnsmasq",
            Set.of("dnsmasq", "neutron.agent.linux.dhcp.Dnsmasq"), "The DHCP server: dnsmasq (the only one).");
    public static final Opt<Boolean> ENABLE_ISOLATED_METADATA = Opt.bool("DEFAULT", "enable_isolated_metadata", false,
            "Serve metadata from the DHCP namespace of the networks with an IPv4 DHCP subnet no router is attached to: "
                    + "a proxy on 169.254.169.254:80 there, and a DHCP route to it.");
    public static final Opt<Boolean> FORCE_METADATA = Opt.bool("DEFAULT", "force_metadata", false,
            "Serve metadata from the DHCP namespace of every network, attached to a router or not.");

    /** The DHCP agent's own options. */
    public static List<Opt<?>> own() {
        return List.of(DHCP_LEASE_DURATION, DNS_DOMAIN, DNSMASQ_LEASE_MAX, RESYNC_INTERVAL, NUM_SYNC_THREADS,
                INTERFACE_DRIVER, DHCP_DRIVER, ENABLE_ISOLATED_METADATA, FORCE_METADATA,
                MetadataOptions.METADATA_PROXY_SOCKET);
    }

    /** Every option the DHCP agent reads: the common agent options and its own. */
    public static List<Opt<?>> all() {
        List<Opt<?>> all = new ArrayList<>(AgentOptions.all());
        all.add(AgentOptions.AVAILABILITY_ZONE);
        all.addAll(own());
        return List.copyOf(all);
    }
}
