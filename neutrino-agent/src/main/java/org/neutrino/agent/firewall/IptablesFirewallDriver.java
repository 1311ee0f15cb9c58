package org.neutrino.agent.firewall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.neutrino.linux.CommandFailedException;
import org.neutrino.linux.Conntrack;
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
 * that left a remote group are deleted from conntrack.
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
    private boolean deferred;
    private boolean dirty;
    private boolean bridgeNetfilterOn;

    public IptablesFirewallDriver(Executor executor) {
        this(executor, CHAIN_PREFIX);
    }

    /** A driver owning the chains starting with {@code chainPrefix}. */
    public IptablesFirewallDriver(Executor executor, String chainPrefix) {
        this.executor = executor;
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
        ports.put(port.device(), port);
        changed();
    }

    @Override
    public void removePortFilter(String device) {
        if (ports.remove(device) != null) {
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
        for (IpVersion version : managers.keySet()) {
            rules.remoteGroups(ports.values(), groups, version).forEach((group, name) -> {
                remoteGroups.add(group);
                List<String> members = memberIps.getOrDefault(group, Map.of())
                        .getOrDefault(SecurityGroupRuleArgs.ethertypeOf(version), List.of());
                sets.put(name, new Ipset.Members(name, version, new TreeSet<>(members)));
            });
        }
        memberIps.keySet().retainAll(remoteGroups);
        List<Ipset.Members> fill = sets.values().stream().filter(s -> !s.equals(appliedSets.get(s.name()))).toList();
        Set<String> leftMembers = new TreeSet<>();
        for (Ipset.Members set : fill) {
            Ipset.Members before = appliedSets.get(set.name());
            if (before != null) {
                before.members().stream().filter(m -> !set.members().contains(m)).forEach(leftMembers::add);
            }
        }
        List<String> unused = new ArrayList<>(appliedSets.keySet());
        unused.removeAll(sets.keySet());
        try {
            ipset.apply(fill, List.of());
            fill.forEach(s -> appliedSets.put(s.name(), s));
            for (Map.Entry<IpVersion, IptablesManager> e : managers.entrySet()) {
                e.getValue().apply(rules.tables(ports.values(), groups, e.getKey()));
            }
            ipset.apply(List.of(), unused);
            unused.forEach(appliedSets::remove);
        } catch (RuntimeException e) {
            appliedSets.clear();
            dirty = true;
            throw e;
        }
        leftMembers.forEach(conntrack::deleteEntriesOf);
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
