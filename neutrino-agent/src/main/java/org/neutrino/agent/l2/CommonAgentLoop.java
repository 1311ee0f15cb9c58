package org.neutrino.agent.l2;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.neutrino.agent.common.ServerRpc;
import org.neutrino.agent.common.StateReporter;
import org.neutrino.lib.DeviceNames;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.RpcHandler;
import org.neutrino.rpc.Subscription;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of an L2 agent that does not depend on how ports are wired (Neutron's
 * {@code CommonAgentLoop}): the notifications it listens to ({@code port_update},
 * {@code port_delete}, {@code network_update}, {@code network_delete}, {@code fdb_changed} and
 * the security-group casts) and the link events, which only mark {@link PendingWork}; one loop
 * thread that takes the marks of a whole burst and runs one pass over them; a failed pass makes
 * the next one a full resync (with the marks it took restored); and the {@code report_state}
 * heartbeat. The pass itself — scanning the host's devices and wiring them — belongs to the
 * agent that drives this loop (the Linux bridge agent's, with its {@link LinuxBridgeManager}).
 */
final class CommonAgentLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommonAgentLoop.class);
    private static final List<String> NOTIFICATION_TOPICS = List.of(AgentTopics.PORT_UPDATE, AgentTopics.PORT_DELETE,
            AgentTopics.NETWORK_UPDATE, AgentTopics.NETWORK_DELETE, AgentTopics.L2POPULATION,
            AgentTopics.SECURITY_GROUP_UPDATE);

    private final String host;
    private final MessageBus bus;
    private final ServerRpc server;
    private final Duration pollingInterval;
    private final String binary;
    private final String agentType;
    private final Supplier<Map<String, Object>> configurations;
    private final Consumer<PendingWork.Batch> pass;
    private final PendingWork pending = new PendingWork();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final AtomicLong completedPasses = new AtomicLong();
    private volatile boolean closed;
    private StateReporter reporter;
    private Thread loop;

    /**
     * @param pass one pass over the host for the work taken; throws to ask for a full resync
     */
    CommonAgentLoop(ServerRpc server, MessageBus bus, Duration pollingInterval, String binary, String agentType,
                    Supplier<Map<String, Object>> configurations, Consumer<PendingWork.Batch> pass) {
        this.host = server.host();
        this.bus = bus;
        this.server = server;
        this.pollingInterval = pollingInterval;
        this.binary = binary;
        this.agentType = agentType;
        this.configurations = configurations;
        this.pass = pass;
    }

    /** What the next passes have to do; marks may come from any thread. */
    PendingWork pending() {
        return pending;
    }

    /** Whether {@link #close()} was called. */
    boolean closed() {
        return closed;
    }

    /**
     * Registers with the server ({@code report_state}, blocking up to the RPC timeout; failures
     * are retried by the heartbeat), subscribes to the notifications and starts the loop with a
     * full resync.
     */
    synchronized void start(Duration reportInterval, String threadName) {
        if (loop != null || closed) {
            throw new IllegalStateException("the agent was started already");
        }
        reporter = new StateReporter(server, binary, "N/A", agentType, configurations);
        reporter.start(reportInterval);
        RpcHandler handler = this::onNotification;
        for (String topic : NOTIFICATION_TOPICS) {
            subscriptions.add(bus.subscribe(Target.server(topic, host), handler));
        }
        pending.fullSync();
        loop = Thread.ofPlatform().name(threadName).daemon().start(this::run);
    }

    /** How many passes ended without error (a full resync is one pass). */
    long completedPasses() {
        return completedPasses.get();
    }

    /** Stops the subscriptions, the loop and the heartbeat. */
    @Override
    public synchronized void close() {
        closed = true;
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (reporter != null) {
            reporter.close();
        }
    }

    private JsonNode onNotification(Message message) {
        JsonNode args = message.args();
        switch (message.method()) {
            case AgentTopics.PORT_UPDATE_METHOD, AgentTopics.PORT_DELETE_METHOD -> {
                String portId = args.path("port_id").asText("");
                if (!portId.isBlank()) {
                    pending.device(DeviceNames.tap(portId));
                }
            }
            case AgentTopics.NETWORK_UPDATE_METHOD -> networkId(args).ifPresent(pending::networkUpdated);
            case AgentTopics.NETWORK_DELETE_METHOD -> networkId(args).ifPresent(pending::networkDeleted);
            case AgentTopics.FDB_CHANGED -> pending.fdbChanged(strings(args.path("network_ids")));
            case AgentTopics.SECURITY_GROUPS_RULE_UPDATED, AgentTopics.SECURITY_GROUPS_MEMBER_UPDATED ->
                    pending.securityGroupsChanged(strings(args.path("security_groups")));
            default -> LOG.debug("ignoring notification {}", message.method());
        }
        return null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Optional<String> networkId(JsonNode args) {
        return Optional.of(args.path("network_id").asText("")).filter(s -> !s.isBlank());
    }

    private void run() {
        while (!closed) {
            PendingWork.Batch work;
            try {
                work = pending.take(pollingInterval);
            } catch (InterruptedException e) {
                break;
            }
            try {
                pass.accept(work);
                completedPasses.incrementAndGet();
            } catch (RuntimeException e) {
                if (closed) {
                    break;
                }
                LOG.warn("pass failed, resyncing everything at the next one: {}", e.toString());
                pending.fullSyncLater();
                work.deletedNetworks().forEach(pending::networkDeleted);
                pending.fdbChanged(work.fdbNetworks());
                pending.securityGroupsChanged(work.securityGroups());
                try {
                    Thread.sleep(pollingInterval);
                } catch (InterruptedException interrupted) {
                    break;
                }
            }
        }
    }
}
