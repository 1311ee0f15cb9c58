package org.neutrino.agent.firewall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.neutrino.linux.CommandFailedException;
import org.neutrino.linux.Conntrack;
import org.neutrino.linux.Conntrack.ZonedAddress;
import org.neutrino.linux.Executor;
import org.neutrino.linux.IpVersion;
import org.neutrino.linux.Ipset;
import org.neutrino.linux.Iptables;
import org.neutrino.linux.IptablesManager;
import org.neutrino.linux.Sysctl;
import org.neutrino.rpc.agent.SecurityGroupInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code firewall_driver = iptables} (Neutron's {@code IptablesFirewallDriver}, with ipsets):
 * keeps the desired filter of every port of the host in memory and, at each apply, writes the
 * whole state ({@link IptablesFirewallRules}) with one {@code iptables-restore} and one
 * {@code ip6tables-restore} (none for a version whose tables did not change), after one
 * {@code ipset restore} that refills the remote groups' member sets that changed. Sets no rule
 * uses any more are destroyed after the tables stop naming them; the connections of addresses
 * that left a remote group are deleted from conntrack, in the zones of the networks whose rules
 * matched that group, and so are those of a removed port's addresses (or of an address a port no
 * longer has) in its network's zone, and so are those a rule had let in that a port lost (a rule
 * removed or changed, a group left; {@link RevokedRules}), in the port's network's zone: all
 * in one {@code conntrack -R} run per apply, none when there is nothing to delete.
 *
 * <p>Each network's bridged traffic is tracked in a conntrack zone of its own
 * ({@link ConntrackZones}, set in the raw table that the same restore writes), as Neutron does:
 * two projects on this host may use the same addresses, and a connection one of them opened
 * must never be ESTABLISHED for the other. A network keeps its zone across restarts (recovered
 * from the raw table); when its last port goes, its zone's connections are deleted before the
 * zone is given to another network.
 *
 * <p>Everything runs through the agent's executor, i.e. in its host (the namespace of
 * {@code [AGENT] root_helper = ip netns exec <host>}); bridged traffic reaches iptables through
 * {@code br_netfilter}, whose {@code net.bridge.bridge-nf-call-ip(6)tables} the first apply sets
 * to 1 in that host.
 */
public final class IptablesFirewallDriver implements FirewallDriver {
    /** The name, as configured and reported. */
    public static final String NAME = "iptables";
    /** The start of every chain this driver owns. */
    public static final String CHAIN_PREFIX = "neutrino-";
    private static final Logger LOG = LoggerFactory.getLogger(IptablesFirewallDriver.class);

    private final Executor executor;
    private final IptablesFirewallRules rules;
    private final Map<IpVersion, IptablesManager> managers = new LinkedHashMap<>();
    private final Ipset ipset;
    private final Conntrack conntrack;
    private final Map<String, SecurityGroupInfo.PortFilter> ports = new TreeMap<>();
    private final Map<String, SecurityGroupInfo.Group> groups = new HashMap<>();
    private final Map<String, Map<String, List<String>>> memberIps = new HashMap<>();
    /** The member sets as last written: name → members. */
    private final Map<String, Ipset.Members> appliedSets = new TreeMap<>();
    private final ConntrackZones zones;
    /**
     * The ports removed, or whose addresses changed, since the last successful apply, as they
     * were: the connections of the addresses no port of the network has now are to go.
     */
    private final List<SecurityGroupInfo.PortFilter> removedPorts = new ArrayList<>();
    private final RevokedRules revokedRules = new RevokedRules();
    /** The bridges last reported as left without a zone (logged once each). */
    private final Set<String> unzoned = new TreeSet<>();
    private boolean zonesRecovered;
    private boolean deferred;
    private boolean dirty;
    private boolean bridgeNetfilterOn;

    public IptablesFirewallDriver(Executor executor) {
        this(executor, CHAIN_PREFIX);
    }

    /** A driver owning the chains starting with {@code chainPrefix}. */
    public IptablesFirewallDriver(Executor executor, String chainPrefix) {
        this(executor, chainPrefix, new ConntrackZones());
    }

    /** The same, taking the conntrack zones from {@code zones} (tests: fewer zones). */
    IptablesFirewallDriver(Executor executor, String chainPrefix, ConntrackZones zones) {
        this.executor = executor;
        this.zones = zones;
        this.rules = new IptablesFirewallRules(chainPrefix);
        Iptables iptables = new Iptables(executor);
        managers.put(IpVersion.V4, new IptablesManager(iptables, chainPrefix));
        managers.put(IpVersion.V6, new IptablesManager(iptables.forVersion(IpVersion.V6), chainPrefix));
        this.ipset = new Ipset(executor);
        this.conntrack = new Conntrack(executor);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean filtered() {
        return true;
    }

    @Override
    public void deferApply() {
        deferred = true;
    }

    @Override
    public void applyDeferred() {
        deferred = false;
        if (dirty) {
            apply();
        }
    }

    @Override
    public void updateSecurityGroups(Map<String, SecurityGroupInfo.Group> changed,
                                     Map<String, Map<String, List<String>>> members) {
        groups.putAll(changed);
        memberIps.putAll(members);
        changed();
    }

    @Override
    public void updatePortFilter(SecurityGroupInfo.PortFilter port) {
        SecurityGroupInfo.PortFilter before = ports.put(port.device(), port);
        if (before != null && !Objects.equals(before.fixedIps(), port.fixedIps())) {
            removedPorts.add(before);
        }
        changed();
    }

    @Override
    public void removePortFilter(String device) {
        SecurityGroupInfo.PortFilter removed = ports.remove(device);
        if (removed != null) {
            removedPorts.add(removed);
            changed();
        }
    }

    @Override
    public Set<String> filteredDevices() {
        return Set.copyOf(ports.keySet());
    }

    /** How many {@code iptables-restore} and {@code ip6tables-restore} runs this driver made. */
    public long restoreCount() {
        return managers.values().stream().mapToLong(IptablesManager::restoreCount).sum();
    }

    private void changed() {
        dirty = true;
        if (!deferred) {
            apply();
        }
    }

    private void apply() {
        dirty = false;
        enableBridgeNetfilter();
        Set<String> usedGroups = new TreeSet<>();
        ports.values().forEach(p -> usedGroups.addAll(p.securityGroups() == null ? List.of() : p.securityGroups()));
        groups.keySet().retainAll(usedGroups);
        Set<String> remoteGroups = new TreeSet<>();
        Map<String, Ipset.Members> sets = new TreeMap<>();
        Map<String, Set<String>> setBridges = new TreeMap<>();
        for (IpVersion version : managers.keySet()) {
            rules.remoteGroups(ports.values(), groups, version).forEach((group, name) -> {
                remoteGroups.add(group);
                List<String> members = memberIps.getOrDefault(group, Map.of())
                        .getOrDefault(SecurityGroupRuleArgs.ethertypeOf(version), List.of());
                sets.put(name, new Ipset.Members(name, version, new TreeSet<>(members)));
            });
            setBridges.putAll(rules.bridgesBySet(ports.values(), groups, version));
        }
        memberIps.keySet().retainAll(remoteGroups);
        List<Ipset.Members> fill = sets.values().stream().filter(s -> !s.equals(appliedSets.get(s.name()))).toList();
        List<String> unused = new ArrayList<>(appliedSets.keySet());
        unused.removeAll(sets.keySet());
        recoverZones();
        ConntrackZones.Assignment zoning = zones.assign(bridges());
        reportExhausted(zoning.exhausted());
        Set<ZonedAddress> leftMembers = leftMembers(fill, setBridges, zoning.zones());
        Set<Conntrack.Flows> revoked = revokedRules.connections(ports, groups, zoning.zones());
        try {
            ipset.apply(fill, List.of());
            fill.forEach(s -> appliedSets.put(s.name(), s));
            for (Map.Entry<IpVersion, IptablesManager> e : managers.entrySet()) {
                e.getValue().apply(rules.tables(ports.values(), groups, e.getKey(), zoning.zones()));
            }
            ipset.apply(List.of(), unused);
            unused.forEach(appliedSets::remove);
        } catch (RuntimeException e) {
            appliedSets.clear();
            zonesRecovered = false;
            dirty = true;
            throw e;
        }
        leftMembers.addAll(removedAddresses(zoning.zones()));
        conntrack.delete(leftMembers, zoning.freed(), revoked);
        zoning.freed().forEach(zones::drained);
        removedPorts.clear();
        revokedRules.applied(ports, groups);
    }

    /**
     * The addresses of the ports removed (or changed) since the last apply, in the zone their
     * network keeps (a network that left has its whole zone deleted instead; one without a zone
     * is left alone), but for an address a port of the same network has now.
     */
    private Set<ZonedAddress> removedAddresses(Map<String, Integer> zoneByBridge) {
        Set<ZonedAddress> out = new TreeSet<>();
        Set<String> inUse = new TreeSet<>();
        ports.values().forEach(p -> Objects.requireNonNullElse(p.fixedIps(), List.<String>of())
                .forEach(ip -> inUse.add(IptablesFirewallRules.bridgeOf(p) + " " + ip)));
        for (SecurityGroupInfo.PortFilter port : removedPorts) {
            String bridge = IptablesFirewallRules.bridgeOf(port);
            if (bridge != null && !zoneByBridge.containsKey(bridge)) {
                continue;
            }
            for (String ip : Objects.requireNonNullElse(port.fixedIps(), List.<String>of())) {
                if (!inUse.contains(bridge + " " + ip)) {
                    out.add(new ZonedAddress(ip, bridge == null ? 0 : zoneByBridge.get(bridge)));
                }
            }
        }
        return out;
    }

    /**
     * The addresses that leave the member sets being refilled, each in the zones of the networks
     * whose ports match that set (the default zone 0 for a network without a zone): only there
     * may their connections have been let in by it.
     */
    private Set<ZonedAddress> leftMembers(List<Ipset.Members> fill, Map<String, Set<String>> setBridges,
                                          Map<String, Integer> zoneByBridge) {
        Set<ZonedAddress> out = new TreeSet<>();
        for (Ipset.Members set : fill) {
            Ipset.Members before = appliedSets.get(set.name());
            if (before == null) {
                continue;
            }
            for (String member : before.members()) {
                if (!set.members().contains(member)) {
                    setBridges.getOrDefault(set.name(), Set.of())
                            .forEach(bridge -> out.add(new ZonedAddress(member, zoneByBridge.getOrDefault(bridge, 0))));
                }
            }
        }
        return out;
    }

    /** The bridges of the networks with a port on this host. */
    private Set<String> bridges() {
        Set<String> out = new TreeSet<>();
        for (SecurityGroupInfo.PortFilter port : ports.values()) {
            String bridge = IptablesFirewallRules.bridgeOf(port);
            if (bridge != null) {
                out.add(bridge);
            }
        }
        return out;
    }

    /**
     * Before the first change (and the first after a failed one): the zones a previous run gave
     * the networks, read from the raw table with the {@code iptables-save} the first apply makes
     * anyway, so that every network stays in the zone its connections are tracked in and a restart
     * moves no network to another zone.
     */
    private void recoverZones() {
        if (zonesRecovered) {
            return;
        }
        zones.recover(managers.get(IpVersion.V4).read(), rules.preroutingChain());
        zonesRecovered = true;
    }

    private void reportExhausted(List<String> bridges) {
        Set<String> fresh = new TreeSet<>(bridges);
        fresh.removeAll(unzoned);
        if (!fresh.isEmpty()) {
            LOG.error("no conntrack zone left for the networks of bridges {} (every zone is taken): their "
                    + "connections are tracked in the default zone 0, shared with every other unzoned network on "
                    + "this host, so a project using the same addresses could match their ESTABLISHED entries. "
                    + "Move ports off this host.", fresh);
        }
        unzoned.clear();
        unzoned.addAll(bridges);
    }

    /** Bridged frames reach iptables only with br_netfilter on in this host (a per-namespace setting). */
    private void enableBridgeNetfilter() {
        if (bridgeNetfilterOn) {
            return;
        }
        Sysctl sysctl = new Sysctl(executor);
        try {
            Map<String, String> on = new LinkedHashMap<>();
            on.put("net.bridge.bridge-nf-call-iptables", "1");
            on.put("net.bridge.bridge-nf-call-ip6tables", "1");
            sysctl.set(on);
        } catch (CommandFailedException e) {
            throw new IllegalStateException("cannot turn on br_netfilter (net.bridge.bridge-nf-call-iptables) in this "
                    + "host: is the br_netfilter module loaded? " + e.getMessage(), e);
        }
        bridgeNetfilterOn = true;
        LOG.info("br_netfilter on: bridged traffic now passes the host's iptables");
    }
}
