package org.neutrino.agent.l2;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.neutrino.agent.common.AgentOptions;
import org.neutrino.agent.common.ServerRpc;
import org.neutrino.agent.firewall.FirewallDriver;
import org.neutrino.agent.firewall.FirewallDrivers;
import org.neutrino.agent.firewall.NoopFirewallDriver;
import org.neutrino.agent.firewall.SecurityGroupAgent;
import org.neutrino.lib.DeviceNames;
import org.neutrino.lib.config.Config;
import org.neutrino.linux.BatchResult;
import org.neutrino.linux.BridgeFdb;
import org.neutrino.linux.Executor;
import org.neutrino.linux.IpCommands;
import org.neutrino.linux.IpLib;
import org.neutrino.linux.Link;
import org.neutrino.linux.LinkAddress;
import org.neutrino.linux.LinkEvent;
import org.neutrino.linux.LinkMonitor;
import org.neutrino.linux.ProcessExecutor;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.Subscription;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.DeviceDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux bridge L2 agent of one host: wires the host's {@code tap…} devices into their
 * network's {@code brq…} bridge, programs the l2population FDB of its VXLAN devices, and
 * reports the ports up or down to the server.
 *
 * <p>Level-triggered, as Neutron's agent: link events ({@link LinkMonitor}), notifications
 * ({@code port_update}, {@code port_delete}, {@code network_update}, {@code network_delete},
 * {@code fdb_changed}) and a slow safety-net scan only mark work and wake one loop thread,
 * which does the work of a whole burst in one pass: one {@code ip -d -j link} read, one
 * {@code get_devices_details_list} call for the taps that are new or marked, one
 * {@code ip -batch} with every change, one {@code update_device_list} call, and, for VXLAN
 * networks, one {@code get_network_fdb} call and one {@code bridge fdb} read (plus at most two
 * batches) per device whose entries are re-checked. Any error makes the next pass a full
 * resync. A pass over a host that is already right changes nothing in the kernel, so a
 * restart does not disturb traffic.
 *
 * <p>The loop, the notifications and the heartbeat are the {@link CommonAgentLoop}'s; the
 * bridge wiring is the {@link LinuxBridgeManager}'s; security groups are applied by the
 * {@link FirewallDriver} of {@code [securitygroup] firewall_driver}, through a
 * {@link SecurityGroupAgent}, before a new tap is set up.
 *
 * <p>Answers {@code trace_port} on {@code Target(l2_agent, host)} with what the host has for a
 * port ({@link LinuxBridgePortTracer}), read-only and beside the loop.
 *
 * <p>Runs in-process ({@link #start()}, {@link #close()}, with the bus shared by the server
 * in the all-in-one shape) or as its own process ({@link LinuxBridgeAgentMain}).
 */
public final class LinuxBridgeAgent implements AutoCloseable {
    /** The binary name reported in {@code report_state}. */
    public static final String BINARY = "neutrino-linuxbridge-agent";
    private static final Logger LOG = LoggerFactory.getLogger(LinuxBridgeAgent.class);
    private static final int DETAILS_PER_CALL = 200;

    private final LinuxBridgeSettings settings;
    private final Executor executor;
    private final IpLib ip;
    private final ServerRpc server;
    private final L2PopulationFdb fdb;
    private final SecurityGroupAgent securityGroups;
    private final String agentId;
    private final CommonAgentLoop loop;
    private final PendingWork pending;
    private volatile int deviceCount;
    private LinuxBridgeManager manager;
    private LinkMonitor monitor;
    private final MessageBus bus;
    private Subscription traceSubscription;

    // Owned by the loop thread.
    private final Map<String, DeviceDetails> known = new HashMap<>();
    private final Map<String, Integer> askedIfindex = new HashMap<>();
    private final Set<String> unwirable = new HashSet<>();
    private final Set<String> unreportedDown = new TreeSet<>();
    /** The VXLAN networks with a wired tap here, as of the last pass that read the links. */
    private Map<String, NetworkSegment> vxlanNetworks = Map.of();

    /** An agent that does not filter its ports ({@link NoopFirewallDriver}). */
    public LinuxBridgeAgent(LinuxBridgeSettings settings, MessageBus bus, Executor executor) {
        this(settings, bus, executor, new NoopFirewallDriver());
    }

    /**
     * @param bus      the bus to the server (shared with it in the all-in-one shape); not closed
     *                 by {@link #close()}
     * @param executor runs every command, with the root helper of the host this agent serves
     * @param firewall filters the ports' traffic by their security groups
     */
    public LinuxBridgeAgent(LinuxBridgeSettings settings, MessageBus bus, Executor executor, FirewallDriver firewall) {
        this.settings = settings;
        this.executor = executor;
        this.bus = bus;
        this.ip = new IpLib(executor);
        this.server = new ServerRpc(bus, settings.host(), settings.rpcTimeout());
        this.agentId = "lb-" + settings.host();
        this.securityGroups = new SecurityGroupAgent(server, firewall);
        this.loop = new CommonAgentLoop(server, bus, settings.pollingInterval(), BINARY,
                AgentTopics.LINUXBRIDGE_AGENT_TYPE, this::configurations, this::pass);
        this.pending = loop.pending();
        this.fdb = new L2PopulationFdb(server, new BridgeFdb(executor), settings.localIp(), loop::closed);
    }

    /**
     * An agent configured by {@code config} ({@link AgentOptions}, {@link LinuxBridgeOptions}),
     * running its commands with {@code [AGENT] root_helper}.
     */
    public static LinuxBridgeAgent fromConfig(Config config, MessageBus bus) {
        LinuxBridgeSettings settings = LinuxBridgeSettings.from(config);
        Executor executor = ProcessExecutor.forRootHelper(config.get(AgentOptions.ROOT_HELPER));
        return new LinuxBridgeAgent(settings, bus, executor, FirewallDrivers.create(settings.firewallDriver(), executor));
    }

    /**
     * Starts the link monitor, registers with the server ({@code report_state}, blocking up to
     * the RPC timeout; failures are retried by the heartbeat), subscribes to the notifications
     * and starts the loop with a full resync. Returns without waiting for that resync.
     *
     * @throws IllegalStateException when {@code [vxlan] local_ip} is on no interface of the host
     */
    public synchronized LinuxBridgeAgent start() {
        if (manager != null || loop.closed()) {
            throw new IllegalStateException("the agent was started already");
        }
        Optional<String> vtepDevice = Optional.empty();
        if (settings.enableVxlan()) {
            String localIp = settings.localIp().orElseThrow();
            vtepDevice = Optional.of(ip.addresses().stream().filter(a -> a.address().equals(localIp))
                    .map(LinkAddress::device).findFirst()
                    .orElseThrow(() -> new IllegalStateException("[vxlan] local_ip " + localIp
                            + " is not the address of any interface of host " + settings.host())));
        }
        manager = new LinuxBridgeManager(settings.interfaceMappings(), settings.bridgeMappings(),
                settings.enableVxlan() ? settings.localIp() : Optional.empty(), vtepDevice);
        try {
            monitor = new LinkMonitor(executor, ip, this::onLinkEvent);
            monitor.start();
            loop.start(settings.reportInterval(), "linuxbridge-agent-" + settings.host());
            traceSubscription = bus.subscribe(Target.server(AgentTopics.L2_AGENT, settings.host()),
                    new LinuxBridgePortTracer(settings.host(), executor)::handle);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Linux bridge agent started on host {} (VTEP {} on {}, firewall {}, link monitor pid {})",
                settings.host(), settings.localIp().orElse("none"), vtepDevice.orElse("-"),
                securityGroups.driver().name(), monitor.pid());
        return this;
    }

    /** Stops the loop, the subscriptions, the heartbeat and the link monitor (killed by its pid). */
    @Override
    public synchronized void close() {
        loop.close();
        if (traceSubscription != null) {
            traceSubscription.close();
        }
        if (monitor != null) {
            monitor.close();
        }
    }

    /** How many passes of the loop ended without error (a full resync is one pass). */
    public long completedPasses() {
        return loop.completedPasses();
    }

    /** How many devices this agent has wired (the {@code devices} it reports). */
    public int deviceCount() {
        return deviceCount;
    }

    /** What {@code report_state} carries in {@code configurations}. */
    Map<String, Object> configurations() {
        Map<String, Object> configurations = new LinkedHashMap<>();
        configurations.put("interface_mappings", settings.interfaceMappings());
        configurations.put("bridge_mappings", settings.bridgeMappings());
        configurations.put("tunnel_types", settings.enableVxlan() ? List.of("vxlan") : List.of());
        settings.localIp().filter(x -> settings.enableVxlan()).ifPresent(x -> configurations.put("tunneling_ip", x));
        configurations.put("l2_population", true);
        configurations.put("firewall_driver", securityGroups.driver().name());
        configurations.put("devices", deviceCount);
        configurations.put("skipped_records", fdb.skippedCount());
        return configurations;
    }

    /** A tap appeared or went: a pass looks (a tap seen with a new ifindex was re-created, and is asked about again). */
    private void onLinkEvent(LinkEvent event) {
        if (DeviceNames.portIdPrefixOfTap(event.name()).isPresent()) {
            pending.linksChanged();
        }
    }

    /** One pass over the host: everything marked in {@code work}, and whatever drifted. */
    void pass(PendingWork.Batch work) {
        if (work.linksUntouched()) {
            if (!work.fdbNetworks().isEmpty()) {
                fdb.sync(vxlanNetworks, false, work.fdbNetworks(), Set.of());
            }
            securityGroups.refresh(securityGroups.devicesAffectedBy(work.securityGroups()), Set.of());
            return;
        }
        long spawnsBefore = executor.spawnCount();
        long started = System.nanoTime();
        List<Link> links = ip.links();
        Map<String, Integer> taps = new TreeMap<>();
        links.stream().filter(l -> DeviceNames.portIdPrefixOfTap(l.name()).isPresent())
                .forEach(l -> taps.put(l.name(), l.ifindex()));

        Set<String> deletedNetworks = work.deletedNetworks();
        Set<String> ofDeleted = new TreeSet<>();
        known.forEach((tap, d) -> {
            if (d.known() && deletedNetworks.contains(d.networkId())) {
                ofDeleted.add(tap);
            }
        });

        Set<String> ask = new TreeSet<>();
        for (String tap : taps.keySet()) {
            DeviceDetails d = known.get(tap);
            if (work.fullSync() || d == null || work.devices().contains(tap)
                    || !taps.get(tap).equals(askedIfindex.get(tap))
                    || (d.known() && work.updatedNetworks().contains(d.networkId()))) {
                ask.add(tap);
            }
        }
        ask.removeAll(ofDeleted);
        Map<String, DeviceDetails> fresh = details(ask);

        // From here on the pass changes the agent's state: nothing above it did.
        WiringPlan plan = new WiringPlan(links);
        Map<String, DeviceDetails> released = new TreeMap<>();
        for (String tap : ofDeleted) {
            DeviceDetails d = known.remove(tap);
            askedIfindex.remove(tap);
            released.put(d.networkId(), d);
            unwirable.remove(tap);
        }
        deletedNetworks.forEach(net -> {
            Optional.ofNullable(released.remove(net))
                    .ifPresentOrElse(d -> unplug(plan, d), () -> manager.unplugDeletedNetwork(plan, net));
            fdb.forget(net);
        });
        pending.retryLater(ofDeleted.stream().filter(taps::containsKey).toList());

        for (Map.Entry<String, DeviceDetails> gone : new ArrayList<>(known.entrySet())) {
            if (!taps.containsKey(gone.getKey())) {
                known.remove(gone.getKey());
                askedIfindex.remove(gone.getKey());
                unwirable.remove(gone.getKey());
                if (gone.getValue().known()) {
                    unreportedDown.add(gone.getKey());
                    released.put(gone.getValue().networkId(), gone.getValue());
                }
            }
        }
        for (DeviceDetails d : fresh.values()) {
            DeviceDetails before = known.put(d.device(), d);
            askedIfindex.put(d.device(), taps.get(d.device()));
            unwirable.remove(d.device());
            if (!d.known() && before != null && before.known()) {
                LOG.info("{} is no longer a port bound to this host: cutting it off", d.device());
                plan.link(d.device()).filter(Link::up).ifPresent(l -> plan.add(IpCommands.setDown(d.device())));
                released.put(before.networkId(), before);
            }
        }

        Set<String> wired = new TreeSet<>();
        for (String tap : taps.keySet()) {
            DeviceDetails d = known.get(tap);
            if (d == null || !d.known() || unwirable.contains(tap)) {
                continue;
            }
            try {
                manager.plug(plan, tap, d);
                wired.add(tap);
            } catch (UnwirableDeviceException e) {
                LOG.warn("{}", e.getMessage());
                unwirable.add(tap);
            }
        }
        Set<String> networksInUse = new HashSet<>();
        wired.forEach(tap -> networksInUse.add(known.get(tap).networkId()));
        released.forEach((net, d) -> {
            if (!networksInUse.contains(net)) {
                unplug(plan, d);
                fdb.forget(net);
            }
        });

        // Filters before the wiring: a new tap is set up only once its filter is in place.
        Set<String> filter = new TreeSet<>(work.fullSync() ? wired : fresh.keySet());
        filter.addAll(securityGroups.devicesAffectedBy(work.securityGroups()));
        filter.retainAll(wired);
        Set<String> unfiltered = new TreeSet<>(securityGroups.driver().filteredDevices());
        unfiltered.removeAll(wired);
        securityGroups.refresh(filter, unfiltered);

        int changes = plan.size();
        BatchResult result = ip.apply(plan.commands());
        Set<String> notWired = new TreeSet<>();
        if (!result.succeeded()) {
            LOG.warn("{} of {} changes failed: {}", result.failures().size(), changes, result.failures());
            WiringPlan check = new WiringPlan(ip.links());
            for (String tap : wired) {
                int before = check.size();
                try {
                    manager.plug(check, tap, known.get(tap));
                } catch (UnwirableDeviceException e) {
                    notWired.add(tap);
                }
                if (check.size() != before) {
                    notWired.add(tap);
                }
            }
            pending.retryLater(notWired);
        }

        report(fresh, notWired);
        syncFdb(work, wired, plan, notWired);
        deviceCount = wired.size() - notWired.size();
        if (changes > 0 || !fresh.isEmpty() || work.fullSync()) {
            LOG.info("pass{}: {} device(s) asked, {} kernel change(s) in {} ms, {} process(es) spawned",
                    work.fullSync() ? " (full resync)" : "", fresh.size(), changes,
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), executor.spawnCount() - spawnsBefore);
        }
    }

    private void unplug(WiringPlan plan, DeviceDetails details) {
        try {
            manager.unplugNetwork(plan, NetworkSegment.of(details));
        } catch (UnwirableDeviceException e) {
            LOG.debug("nothing to remove for {}: {}", details.device(), e.getMessage());
        }
    }

    private Map<String, DeviceDetails> details(Set<String> taps) {
        Map<String, DeviceDetails> out = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(taps);
        for (int from = 0; from < all.size(); from += DETAILS_PER_CALL) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + DETAILS_PER_CALL));
            for (DeviceDetails d : server.devicesDetails(chunk, agentId)) {
                if (d.device() != null && taps.contains(d.device())) {
                    out.put(d.device(), d);
                }
            }
        }
        return out;
    }

    private void report(Map<String, DeviceDetails> fresh, Set<String> notWired) {
        Set<String> up = new TreeSet<>();
        Set<String> down = new TreeSet<>(unreportedDown);
        for (DeviceDetails d : fresh.values()) {
            if (!d.known() || notWired.contains(d.device())) {
                continue;
            }
            if (Boolean.TRUE.equals(d.adminStateUp()) && !unwirable.contains(d.device())) {
                up.add(d.device());
            } else {
                down.add(d.device());
            }
        }
        if (up.isEmpty() && down.isEmpty()) {
            return;
        }
        JsonNode answer = server.updateDeviceList(up, down, agentId);
        unreportedDown.clear();
        Set<String> failed = new LinkedHashSet<>();
        answer.path("failed_devices_up").forEach(n -> failed.add(n.asText()));
        answer.path("failed_devices_down").forEach(n -> failed.add(n.asText()));
        if (!failed.isEmpty()) {
            LOG.warn("the server could not update devices {}: asking again at the next pass", failed);
            pending.retryLater(failed);
        }
    }

    private void syncFdb(PendingWork.Batch work, Set<String> wired, WiringPlan plan, Set<String> notWired) {
        vxlanNetworks = new HashMap<>();
        Set<String> created = new HashSet<>();
        for (String tap : wired) {
            if (notWired.contains(tap)) {
                continue;
            }
            NetworkSegment segment = NetworkSegment.of(known.get(tap));
            if (segment.type() == NetworkSegment.Type.VXLAN) {
                vxlanNetworks.put(segment.networkId(), segment);
                String device = DeviceNames.vxlan(segment.segmentationId().getAsInt());
                if (plan.isCreated(device)) {
                    created.add(device);
                }
            }
        }
        fdb.sync(vxlanNetworks, work.fullSync(), work.fdbNetworks(), created);
    }
}
