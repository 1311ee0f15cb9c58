package org.neutrino.agent.dhcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.neutrino.agent.common.AgentLifecycle;
import org.neutrino.agent.common.PendingResyncs;
import org.neutrino.agent.common.ServerRpc;
import org.neutrino.agent.common.StateReporter;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.Executor;
import org.neutrino.linux.MetadataHaproxy;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.RemoteErrorException;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.DhcpNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCP agent of one host, as Neutron's {@code DhcpAgent}: for every network scheduled to
 * this host, a {@code qdhcp-<network id>} namespace with the network's DHCP port and a dnsmasq
 * that hands each port its fixed addresses.
 *
 * <p>Level-triggered: {@link #sync(String)} pulls the network and the DHCP port from the server
 * and makes the host match, idempotently. {@link #start()} reports the agent's state, listens
 * for {@code network_changed} / {@code network_removed} (and answers {@code trace_port}) on {@code Target(dhcp_agent, host)}
 * and then runs one loop that
 * <ul>
 *   <li>first, and every {@value #FULL_SYNC_EVERY} resync intervals, does a full pass: asks
 *       {@code get_active_networks}, synchronises every scheduled network and removes those this
 *       agent served that are no longer scheduled here;
 *   <li>synchronises a notified network at once (notifications that arrive while it works are
 *       coalesced into one more synchronisation);
 *   <li>every {@code resync_interval}, retries the networks whose synchronisation failed.
 * </ul>
 * A network is served only if the agent recorded it in its state directory before touching the
 * kernel ({@link DhcpStateDirectory}): clean-up never touches a {@code qdhcp-} namespace it did
 * not make, and a network whose namespace exists without such a record is not served
 * ({@link ForeignNamespaceException}, retried at each resync). A record of the server's answer
 * that does not parse strictly (a port's MAC or address, a subnet's CIDR or option) is left out
 * of what the network serves ({@link ServedNetwork}), logged once when it appears, and counted
 * in the {@code skipped_records} of the agent's reported state; the rest of the network is
 * served. Stopping the agent ({@link #close()}) leaves dnsmasq serving; a restarted agent
 * keeps a dnsmasq whose command line is unchanged (it only re-reads its files).
 *
 * <p>With {@code enable_isolated_metadata} or {@code force_metadata}, a network that needs it
 * ({@link ServedNetwork#metadataProxy()}) also gets a metadata proxy in its namespace
 * ({@link MetadataHaproxy#ofNetwork}, files next to dnsmasq's), forwarding to the metadata agent's
 * socket; it is stopped, its files removed, when the network no longer needs it or is no longer
 * served, and a restarted agent adopts a running one whose configuration is unchanged.
 */
public final class DhcpAgent implements AutoCloseable {
    /** A full pass every this many resync intervals (60 s with the default 5 s). */
    public static final int FULL_SYNC_EVERY = 12;
    /** The {@code binary} this agent reports. */
    public static final String BINARY = "neutrino-dhcp-agent";

    /** The port the instances reach the metadata proxy of a {@code qdhcp-} namespace on. */
    static final int METADATA_PORT = 80;

    private static final Logger LOG = LoggerFactory.getLogger(DhcpAgent.class);

    private final DhcpAgentConfig config;
    private final Executor executor;
    private final MessageBus bus;
    private final ServerRpc server;
    private final DhcpDriver driver;
    private final DhcpDeviceManager devices;
    private final DhcpStateDirectory stateDirectory;
    private final DhcpPortTracer tracer;
    private final AgentLifecycle lifecycle;
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
    private final Map<String, ServedNetwork> served = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final PendingResyncs notified = new PendingResyncs();
    private final PendingResyncs failed = new PendingResyncs();
    private final AtomicBoolean fullSyncNeeded = new AtomicBoolean(true);
    private final ExecutorService workers;

    /** An agent with dnsmasq as its DHCP driver; the bus stays the caller's to close. */
    public DhcpAgent(DhcpAgentConfig config, MessageBus bus, Executor executor) {
        this(config, bus, executor, new DnsmasqDriver(executor, config.dhcpStateRoot(), config.dnsmasq()));
    }

    /** An agent with another DHCP driver (tests). */
    public DhcpAgent(DhcpAgentConfig config, MessageBus bus, Executor executor, DhcpDriver driver) {
        this.config = config;
        this.executor = executor;
        this.bus = bus;
        this.server = new ServerRpc(bus, config.host(), config.rpcTimeout());
        this.driver = driver;
        this.devices = new DhcpDeviceManager(executor);
        this.stateDirectory = new DhcpStateDirectory(config.dhcpStateRoot());
        this.tracer = new DhcpPortTracer(config.host(), executor, config, stateDirectory);
        this.lifecycle = new AgentLifecycle("DHCP agent", config.host(),
                new StateReporter(server, BINARY, AgentTopics.DHCP_AGENT, AgentTopics.DHCP_AGENT_TYPE, this::configurations,
                        config.availabilityZone()));
        this.workers = Executors.newFixedThreadPool(config.numSyncThreads(),
                Thread.ofVirtual().name("dhcp-sync-", 0).factory());
    }

    /**
     * Reports the agent's state (once, blocking), subscribes to its notifications and starts
     * the loop, whose first work is a full pass. Returns without waiting for it.
     */
    public synchronized DhcpAgent start() {
        lifecycle.start(config.reportInterval(), bus, Target.server(AgentTopics.DHCP_AGENT, config.host()), this::handle, "dhcp-agent-",
                this::run);
        LOG.info("DHCP agent of host {} started (state in {})", config.host(), config.dhcpStateRoot());
        return this;
    }

    /** Stops listening and synchronising; running dnsmasq processes keep serving. */
    @Override
    public synchronized void close() {
        lifecycle.close();
        workers.shutdownNow();
    }

    public String host() {
        return config.host();
    }

    /** The networks whose DHCP this agent serves now. */
    public Set<String> servedNetworks() {
        return Set.copyOf(served.keySet());
    }

    /** Whether {@code networkId} waits for a retry after a failed synchronisation. */
    public boolean needsResync(String networkId) {
        return failed.contains(networkId);
    }

    /**
     * Makes the host serve {@code networkId} as the server describes it, or stop serving it when
     * it is not scheduled here, is gone, is administratively down or has no DHCP-enabled subnet.
     *
     * @throws RuntimeException when the server or the kernel fails; nothing is retried here
     */
    public void sync(String networkId) {
        ReentrantLock lock = locks.computeIfAbsent(networkId, id -> new ReentrantLock());
        lock.lock();
        try {
            if (!scheduled.contains(networkId)) {
                disable(networkId, "not scheduled to this agent");
                return;
            }
            DhcpNetwork network = server.networkInfo(networkId);
            if (network == null) {
                disable(networkId, "the network is gone");
                return;
            }
            if (!ServedNetwork.wantsDhcp(network)) {
                disable(networkId, network.adminStateUp() ? "no DHCP-enabled subnet" : "administratively down");
                return;
            }
            enable(network, server.dhcpPort(networkId));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The full pass: the networks scheduled here become {@code get_active_networks}' answer;
     * those and every network this agent serves or has a state directory for are synchronised.
     */
    public void fullSync() {
        List<String> active = server.activeNetworks();
        scheduled.retainAll(active);
        scheduled.addAll(active);
        devices.forgetAll();
        Set<String> all = new LinkedHashSet<>(active);
        all.addAll(served.keySet());
        all.addAll(stateDirectory.claimed());
        Map<String, List<String>> work = new LinkedHashMap<>();
        all.forEach(id -> work.put(id, List.of("full sync")));
        failed.takeAll().forEach((id, reasons) -> work.merge(id, reasons, (a, b) -> a));
        LOG.info("full sync of {} network(s), {} scheduled here", work.size(), active.size());
        syncAll(work);
    }

    private void enable(DhcpNetwork network, DhcpNetwork.Port dhcpPort) {
        ServedNetwork wanted = ServedNetwork.of(network, dhcpPort, config.metadata());
        String id = network.id();
        ServedNetwork before = served.get(id);
        boolean ours = stateDirectory.isClaimed(id);
        if (before == null || !before.device().portId().equals(dhcpPort.id())) {
            stateDirectory.claim(id, dhcpPort.id());
            devices.forget(id);
        }
        try {
            devices.setup(wanted.device(), ours);
        } catch (ForeignNamespaceException e) {
            stateDirectory.release(id);
            throw e;
        }
        if (before == null || !before.config().equals(wanted.config()) || !driver.isRunning(id)) {
            driver.enable(wanted.config());
        }
        if (wanted.metadataProxy()) {
            metadataProxy(id).apply(config.metadata().orElseThrow().socket(), METADATA_PORT);
        } else {
            metadataProxy(id).stop();
        }
        served.put(id, wanted);
        if (!wanted.skipped().equals(before == null ? List.of() : before.skipped())) {
            wanted.skipped().forEach(record -> LOG.warn("network {}: {}", id, record));
        }
        if (before == null) {
            LOG.info("network {} served: DHCP port {} ({}), {} port(s)", id, dhcpPort.id(),
                    wanted.device().cidrs(), wanted.ports());
        }
    }

    private void disable(String networkId, String reason) {
        ServedNetwork before = served.get(networkId);
        if (before == null && !stateDirectory.isClaimed(networkId)) {
            return;
        }
        LOG.info("network {} no longer served: {}", networkId, reason);
        metadataProxy(networkId).stop();
        driver.stop(networkId);
        devices.destroy(networkId, before != null ? Optional.of(before.device().portId())
                : stateDirectory.portOf(networkId));
        served.remove(networkId);
        try {
            server.releaseDhcpPort(networkId);
        } catch (RemoteErrorException e) {
            LOG.info("release_dhcp_port of network {} refused by the server: {}", networkId, e.getMessage());
        }
        driver.disable(networkId);
        stateDirectory.release(networkId);
    }

    private MetadataHaproxy metadataProxy(String networkId) {
        return MetadataHaproxy.ofNetwork(executor, DeviceNames.dhcpNamespace(networkId), networkId,
                stateDirectory.of(networkId));
    }

    private JsonNode handle(Message message) {
        if (AgentTopics.TRACE_PORT.equals(message.method())) {
            return tracer.handle(message.args());
        }
        String networkId = message.args().path("network_id").asText("");
        if (networkId.isEmpty()) {
            throw new IllegalArgumentException(message.method() + " without network_id");
        }
        switch (message.method()) {
            case AgentTopics.NETWORK_CHANGED -> scheduled.add(networkId);
            case AgentTopics.NETWORK_REMOVED -> scheduled.remove(networkId);
            default -> throw new IllegalArgumentException("the DHCP agent has no method " + message.method());
        }
        notified.mark(networkId, message.method());
        return null;
    }

    private void run() {
        long nextTick = System.nanoTime();
        long ticks = 0;
        while (!lifecycle.closed()) {
            try {
                if (System.nanoTime() - nextTick >= 0) {
                    if (fullSyncNeeded.getAndSet(false) || ticks % FULL_SYNC_EVERY == 0) {
                        safeFullSync();
                    } else {
                        Map<String, List<String>> retries = failed.takeAll();
                        if (!retries.isEmpty()) {
                            LOG.info("resync of {} network(s) after failures: {}", retries.size(), retries);
                            syncAll(retries);
                        }
                    }
                    ticks++;
                    nextTick = System.nanoTime() + config.resyncInterval().toNanos();
                }
                Map<String, List<String>> work = notified.awaitAndTakeAll(
                        Duration.ofNanos(Math.max(0, nextTick - System.nanoTime())));
                if (!work.isEmpty()) {
                    syncAll(work);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("DHCP agent loop error, continuing", e);
            }
        }
    }

    private void safeFullSync() {
        try {
            fullSync();
        } catch (RuntimeException e) {
            fullSyncNeeded.set(true);
            LOG.warn("full sync failed, retrying in {}: {}", config.resyncInterval(), e.toString());
        }
    }

    /** Synchronises the networks, {@code num_sync_threads} at a time; failures wait for the next tick. */
    private void syncAll(Map<String, List<String>> work) {
        Map<String, Future<?>> running = new LinkedHashMap<>();
        work.forEach((id, reasons) -> running.put(id, workers.submit(() -> safeSync(id, reasons))));
        for (Map.Entry<String, Future<?>> entry : running.entrySet()) {
            try {
                entry.getValue().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                failed.mark(entry.getKey(), e.getCause().toString());
                LOG.error("unexpected error in the sync of network {}", entry.getKey(), e.getCause());
            }
        }
    }

    private void safeSync(String networkId, List<String> reasons) {
        try {
            sync(networkId);
        } catch (RuntimeException e) {
            failed.mark(networkId, e.toString());
            LOG.warn("sync of network {} ({}) failed, will retry: {}", networkId, reasons, e.toString());
        }
    }

    private Map<String, Object> configurations() {
        int ports = 0;
        int subnets = 0;
        int skipped = 0;
        for (ServedNetwork network : served.values()) {
            ports += network.ports();
            subnets += network.config().subnets().size();
            skipped += network.skipped().size();
        }
        Map<String, Object> configurations = new LinkedHashMap<>();
        configurations.put("networks", served.size());
        configurations.put("ports", ports);
        configurations.put("subnets", subnets);
        configurations.put("skipped_records", skipped);
        configurations.put("dhcp_driver", "dnsmasq");
        configurations.put("dhcp_lease_duration", config.dnsmasq().leaseDuration().isNegative() ? -1
                : config.dnsmasq().leaseDuration().toSeconds());
        return configurations;
    }
}
