package org.neutrino.agent.l3;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.neutrino.agent.common.AgentLifecycle;
import org.neutrino.agent.common.ClaimedDirectories;
import org.neutrino.agent.common.PendingResyncs;
import org.neutrino.agent.common.ServerRpc;
import org.neutrino.agent.common.StateReporter;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.AddressConntrack;
import org.neutrino.linux.Executor;
import org.neutrino.linux.GratuitousArp;
import org.neutrino.linux.MetadataHaproxy;
import org.neutrino.linux.Radvd;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.RouterInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The L3 agent of one host, as Neutron's legacy {@code L3NATAgent}: for every router scheduled to
 * this host, a {@code qrouter-<router id>} namespace with forwarding on, a veth pair per port
 * ({@code qr-}/{@code qg-} inside, {@code tap<port11>} in the host for the L2 agent to plug), the
 * default and extra routes, and the router's NAT (SNAT of internal subnets, DNAT+SNAT of floating
 * IPs) in agent-owned chains ({@link RouterPlan}), a radvd advertising the internal IPv6
 * subnets that have an {@code ipv6_ra_mode} (subnets without one are not advertised), and, unless
 * {@code enable_metadata_proxy} is false, a metadata proxy ({@link MetadataHaproxy}) that the
 * instances' {@code 169.254.169.254:80} is redirected to, started and stopped with the router and
 * adopted after a restart.
 *
 * <p>Level-triggered: {@link #start()} reports the agent's state, listens for
 * {@code routers_updated {router_ids}} on {@code Target(l3_agent, host)}, and runs one loop that
 * <ul>
 *   <li>first, and every {@code periodic_interval}, does a full sync: {@code sync_routers} without
 *       ids, every router made to match the kernel (read and diffed: a restart changes nothing that
 *       is right, established flows survive), and every router this agent owns that is not in the
 *       answer removed;
 *   <li>synchronises notified routers at once ({@code sync_routers} with their ids; an id missing
 *       from the answer is removed); notifications that arrive meanwhile are coalesced;
 *   <li>retries routers whose synchronisation failed every retry interval; a full sync that fails
 *       is retried the same way.
 * </ul>
 * Routers are synchronised {@value #PARALLEL_ROUTERS} at a time (one lock per router). Between
 * full syncs, a router whose {@link RouterInfo} did not change since it was last applied costs
 * nothing. A router is owned only if the agent recorded it in {@code <state_path>/l3}
 * ({@link ClaimedDirectories}) before touching the kernel; a {@code qrouter-} namespace without
 * such a record is left alone and its router not served. Floating IPs configured are reported
 * {@code ACTIVE}, those no longer there {@code DOWN} ({@code update_floatingip_statuses}); a new
 * floating address is announced with a gratuitous ARP (by the kernel when its {@code qg-} device is
 * new, {@code arp_notify}; by {@code arping} when the device was already up), and the
 * connection-tracking entries of a removed one are deleted. Stopping the agent ({@link #close()})
 * leaves the routers as they are.
 */
public final class L3Agent implements AutoCloseable {
    /** The {@code binary} this agent reports: Neutron's name for it. */
    public static final String BINARY = "neutron-l3-agent";
    static final String ACTIVE = "ACTIVE";
    static final String DOWN = "DOWN";
    /** How many routers are synchronised at the same time. */
    public static final int PARALLEL_ROUTERS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(L3Agent.class);

    private final L3AgentConfig config;
    private final L3RouterTracer tracer;
    private final MessageBus bus;
    private final ServerRpc server;
    private final Executor executor;
    private final RouterNamespaceManager kernel;
    private final ClaimedDirectories claims;
    private final AgentLifecycle lifecycle;
    private final Map<String, RouterInfo> applied = new ConcurrentHashMap<>();
    private final Map<String, RouterPlan> plans = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> activeFloatingIps = new ConcurrentHashMap<>();
    private final PendingResyncs notified = new PendingResyncs();
    private final PendingResyncs failed = new PendingResyncs();
    /** Held while a router is made or removed, one lock per router. */
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** Routers are made {@value #PARALLEL_ROUTERS} at a time. */
    private final ExecutorService workers = Executors.newFixedThreadPool(PARALLEL_ROUTERS,
            Thread.ofVirtual().name("l3-router-", 0).factory());
    private final AtomicBoolean fullSyncNeeded = new AtomicBoolean(true);

    /** An agent whose host commands go through {@code executor}; the bus stays the caller's to close. */
    public L3Agent(L3AgentConfig config, MessageBus bus, Executor executor) {
        this.config = config;
        this.bus = bus;
        this.server = new ServerRpc(bus, config.host(), config.rpcTimeout());
        this.executor = executor;
        this.kernel = new RouterNamespaceManager(executor);
        this.tracer = new L3RouterTracer(config.host(), executor);
        this.claims = new ClaimedDirectories(config.l3StateRoot());
        this.lifecycle = new AgentLifecycle("L3 agent", config.host(),
                new StateReporter(server, BINARY, AgentTopics.L3_AGENT, AgentTopics.L3_AGENT_TYPE, this::configurations,
                        config.availabilityZone()));
    }

    /**
     * Reports the agent's state (once, blocking), subscribes to its notifications and starts the
     * loop, whose first work is a full sync. Returns without waiting for it.
     */
    public synchronized L3Agent start() {
        lifecycle.start(config.reportInterval(), bus, Target.server(AgentTopics.L3_AGENT, config.host()), this::handle, "l3-agent-",
                this::run);
        LOG.info("L3 agent of host {} started (state in {})", config.host(), config.l3StateRoot());
        return this;
    }

    /** Stops listening and synchronising; the routers stay as they are. */
    @Override
    public synchronized void close() {
        lifecycle.close();
        workers.shutdownNow();
    }

    public String host() {
        return config.host();
    }

    /** The routers this agent has made, as last applied. */
    public Set<String> routers() {
        return Set.copyOf(applied.keySet());
    }

    /** Whether {@code routerId} waits for a retry after a failed synchronisation. */
    public boolean needsResync(String routerId) {
        return failed.contains(routerId);
    }

    /**
     * The full sync: every router scheduled here is made to match the kernel, and every router
     * this agent owns that is not scheduled here any more is removed.
     *
     * @throws RuntimeException when the server cannot be asked; routers that fail are marked for a retry
     */
    public void fullSync() {
        long spawnsBefore = executor.spawnCount();
        long started = System.nanoTime();
        List<RouterInfo> routers = server.syncRouters(Optional.empty());
        Set<String> namespaces = new LinkedHashSet<>(kernel.namespaces());
        Set<String> stale = new LinkedHashSet<>(claims.claimed());
        stale.addAll(applied.keySet());
        failed.takeAll();
        Map<String, Runnable> work = new LinkedHashMap<>();
        for (RouterInfo router : routers) {
            stale.remove(router.id());
            work.put(router.id(),
                    () -> process(router, namespaces.contains(DeviceNames.routerNamespace(router.id())), true));
        }
        for (String id : stale) {
            work.put(id, () -> remove(id, "not scheduled to this agent"));
        }
        runAll("full sync", work);
        LOG.info("full sync: {} router(s), {} removed, in {} ms, {} process(es) spawned", routers.size(),
                stale.size(), Duration.ofNanos(System.nanoTime() - started).toMillis(),
                executor.spawnCount() - spawnsBefore);
    }

    /**
     * Synchronises the routers {@code routerIds}: those the server returns are made, the others removed.
     *
     * @throws RuntimeException when the server cannot be asked
     */
    public void sync(Collection<String> routerIds) {
        List<RouterInfo> routers = server.syncRouters(Optional.of(List.copyOf(routerIds)));
        Set<String> missing = new LinkedHashSet<>(routerIds);
        Map<String, Runnable> work = new LinkedHashMap<>();
        for (RouterInfo router : routers) {
            missing.remove(router.id());
            work.put(router.id(), () -> process(router, null, false));
        }
        for (String id : missing) {
            work.put(id, () -> remove(id, "not scheduled to this agent or gone"));
        }
        runAll("routers_updated", work);
    }

    /**
     * Makes one router.
     *
     * @param namespaceExists whether its namespace exists, when known ({@code null}: ask the kernel
     *                        unless this agent made it and its last synchronisation succeeded)
     * @param reread          whether to compare with the kernel even if {@code router} did not change
     */
    private void process(RouterInfo router, Boolean namespaceExists, boolean reread) {
        ReentrantLock lock = locks.computeIfAbsent(router.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            processLocked(router, namespaceExists, reread);
        } finally {
            lock.unlock();
        }
    }

    private void processLocked(RouterInfo router, Boolean namespaceExists, boolean reread) {
        String id = router.id();
        if (!router.adminStateUp()) {
            remove(id, "administratively down");
            return;
        }
        if (!reread && router.equals(applied.get(id))) {
            return;
        }
        RouterPlan plan = RouterPlan.of(router, config.metadataProxy()
                .map(proxy -> OptionalInt.of(proxy.port())).orElse(OptionalInt.empty()));
        applied.remove(id);
        boolean exists = namespaceExists != null ? namespaceExists
                : plans.containsKey(id) || kernel.namespaces().contains(plan.namespace());
        if (exists && !claims.isClaimed(id)) {
            throw new IllegalStateException("namespace " + plan.namespace()
                    + " exists but was not made by this agent: router " + id + " not served");
        }
        claims.claim(id);
        RouterNamespaceManager.Changes changes = kernel.apply(plan, exists);
        plans.put(id, plan);
        radvd(id).apply(plan.raSubnets().stream()
                .map(s -> new Radvd.Prefix(s.device(), s.prefix(), s.raMode(), s.mtu())).toList());
        applyMetadataProxy(id);
        plan.gatewayDevice().filter(qg -> !changes.toAnnounce().isEmpty()).ifPresent(qg ->
                new GratuitousArp(executor).inNamespace(plan.namespace()).announce(qg.name(), changes.toAnnounce())
                        .forEach(failure -> LOG.info("router {}: no gratuitous ARP for {}", id, failure)));
        AddressConntrack conntrack = new AddressConntrack(executor).inNamespace(plan.namespace());
        changes.floatingRemoved().forEach(conntrack::deleteFlowsOf);
        applied.put(id, router);
        reportFloatingIps(id, plan.floatingIps().keySet());
        if (!changes.floatingAdded().isEmpty() || !changes.floatingRemoved().isEmpty()) {
            LOG.info("router {}: floating addresses added {}, removed {}", id, changes.floatingAdded(),
                    changes.floatingRemoved());
        }
    }

    private void remove(String id, String reason) {
        ReentrantLock lock = locks.computeIfAbsent(id, key -> new ReentrantLock());
        lock.lock();
        try {
            removeLocked(id, reason);
        } finally {
            lock.unlock();
        }
    }

    private void removeLocked(String id, String reason) {
        if (!applied.containsKey(id) && !plans.containsKey(id) && !claims.isClaimed(id)) {
            return;
        }
        LOG.info("router {} removed: {}", id, reason);
        applied.remove(id);
        radvd(id).stop();
        metadataProxy(id).stop();
        kernel.destroy(DeviceNames.routerNamespace(id));
        plans.remove(id);
        claims.release(id);
        reportFloatingIps(id, Set.of());
    }

    /** The radvd of router {@code id}, its files in the router's state directory. */
    private Radvd radvd(String id) {
        return new Radvd(executor, DeviceNames.routerNamespace(id), claims.of(id));
    }

    /**
     * Starts, adopts or stops the metadata proxy of router {@code id} as configured. A proxy that
     * cannot start (haproxy missing) leaves the router's forwarding alone: it is logged and tried
     * again at the next full sync.
     */
    private void applyMetadataProxy(String id) {
        MetadataHaproxy proxy = metadataProxy(id);
        try {
            config.metadataProxy().ifPresentOrElse(settings -> proxy.apply(settings.socket(), settings.port()),
                    proxy::stop);
        } catch (RuntimeException e) {
            LOG.error("router {}: the metadata proxy did not start, instances get no metadata: {}", id, e.toString());
        }
    }

    /** The metadata proxy (haproxy) of router {@code id}, its files in the router's state directory. */
    private MetadataHaproxy metadataProxy(String id) {
        return MetadataHaproxy.ofRouter(executor, DeviceNames.routerNamespace(id), id, claims.of(id));
    }

    /** Reports the floating IPs newly configured ACTIVE and those gone DOWN. */
    private void reportFloatingIps(String routerId, Set<String> configured) {
        Set<String> before = activeFloatingIps.getOrDefault(routerId, Set.of());
        Map<String, String> statuses = new LinkedHashMap<>();
        configured.stream().filter(f -> !before.contains(f)).forEach(f -> statuses.put(f, ACTIVE));
        before.stream().filter(f -> !configured.contains(f)).forEach(f -> statuses.put(f, DOWN));
        if (statuses.isEmpty()) {
            return;
        }
        server.updateFloatingIpStatuses(routerId, statuses);
        if (configured.isEmpty()) {
            activeFloatingIps.remove(routerId);
        } else {
            activeFloatingIps.put(routerId, Set.copyOf(configured));
        }
    }

    /** Runs the work of each router, {@value #PARALLEL_ROUTERS} at a time, and waits for all of it. */
    private void runAll(String why, Map<String, Runnable> work) {
        List<Future<?>> running = new ArrayList<>();
        work.forEach((id, task) -> running.add(workers.submit(() -> safely(id, why, task))));
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while synchronising routers", e);
            } catch (ExecutionException e) {
                LOG.error("unexpected error in a router synchronisation", e.getCause());
            }
        }
    }

    private void safely(String routerId, String why, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            applied.remove(routerId);
            plans.remove(routerId);
            failed.mark(routerId, why + ": " + e);
            LOG.warn("router {} ({}) failed, will retry: {}", routerId, why, e.toString());
        }
    }

    private JsonNode handle(Message message) {
        if (AgentTopics.TRACE_ROUTER.equals(message.method())) {
            return tracer.handle(message.args());
        }
        if (AgentTopics.PROBE_ROUTER.equals(message.method())) {
            return tracer.probe(message.args());
        }
        if (!AgentTopics.ROUTERS_UPDATED.equals(message.method())) {
            throw new IllegalArgumentException("the L3 agent has no method " + message.method());
        }
        JsonNode ids = message.args().path("router_ids");
        if (!ids.isArray()) {
            throw new IllegalArgumentException("routers_updated without router_ids");
        }
        ids.forEach(id -> notified.mark(id.asText(), AgentTopics.ROUTERS_UPDATED));
        return null;
    }

    private void run() {
        long nextFull = System.nanoTime();
        long nextRetry = System.nanoTime() + config.retryInterval().toNanos();
        while (!lifecycle.closed()) {
            try {
                long now = System.nanoTime();
                if (now - nextFull >= 0) {
                    safeFullSync();
                    nextFull = System.nanoTime() + config.periodicInterval().toNanos();
                    nextRetry = System.nanoTime() + config.retryInterval().toNanos();
                } else if (now - nextRetry >= 0) {
                    if (fullSyncNeeded.get()) {
                        safeFullSync();
                    } else {
                        Map<String, List<String>> retries = failed.takeAll();
                        if (!retries.isEmpty()) {
                            LOG.info("retrying {} router(s) after failures: {}", retries.size(), retries);
                            safeSync(retries);
                        }
                    }
                    nextRetry = System.nanoTime() + config.retryInterval().toNanos();
                }
                long wait = Math.min(nextFull, nextRetry) - System.nanoTime();
                Map<String, List<String>> work = notified.awaitAndTakeAll(Duration.ofNanos(Math.max(0, wait)));
                if (!work.isEmpty()) {
                    safeSync(work);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("L3 agent loop error, continuing", e);
            }
        }
    }

    private void safeFullSync() {
        try {
            fullSync();
            fullSyncNeeded.set(false);
        } catch (RuntimeException e) {
            fullSyncNeeded.set(true);
            LOG.warn("full sync failed, retrying in {}: {}", config.retryInterval(), e.toString());
        }
    }

    private void safeSync(Map<String, List<String>> work) {
        try {
            sync(work.keySet());
        } catch (RuntimeException e) {
            failed.markAll(work);
            LOG.warn("sync_routers of {} failed, will retry: {}", work.keySet(), e.toString());
        }
    }

    private Map<String, Object> configurations() {
        int interfaces = 0;
        int gateways = 0;
        int floatingIps = 0;
        for (RouterPlan plan : plans.values()) {
            for (RouterDevice device : plan.devices()) {
                if (device.gateway()) {
                    gateways++;
                } else {
                    interfaces++;
                }
            }
            floatingIps += plan.floatingIps().size();
        }
        Map<String, Object> configurations = new LinkedHashMap<>();
        configurations.put("agent_mode", "legacy");
        configurations.put("routers", plans.size());
        configurations.put("ex_gw_ports", gateways);
        configurations.put("interfaces", interfaces);
        configurations.put("floating_ips", floatingIps);
        configurations.put("interface_driver", "linuxbridge");
        return configurations;
    }
}
