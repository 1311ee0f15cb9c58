package org.neutrino.agent.common;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.neutrino.rpc.agent.AgentState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code report_state} every {@code [AGENT] report_interval}: the first report carries
 * {@code start_flag}. Until a report has gone through (the server may start after the agent),
 * a failed one is retried every {@link #FIRST_REPORT_RETRY}; later failures are logged and
 * retried at the next tick.
 */
public final class StateReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateReporter.class);
    static final Duration FIRST_REPORT_RETRY = Duration.ofSeconds(1);

    private final ServerRpc server;
    private final String binary;
    private final String topic;
    private final String agentType;
    private final Supplier<Map<String, Object>> configurations;
    private final String availabilityZone;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("state-reporter").factory());
    private volatile boolean started;
    private final AtomicBoolean retryScheduled = new AtomicBoolean();

    /** A reporter for an agent without an availability zone (L2 and metadata agents). */
    public StateReporter(ServerRpc server, String binary, String topic, String agentType,
                         Supplier<Map<String, Object>> configurations) {
        this(server, binary, topic, agentType, configurations, null);
    }

    /** A reporter for a DHCP or L3 agent of {@code availabilityZone} ({@code [AGENT] availability_zone}). */
    public StateReporter(ServerRpc server, String binary, String topic, String agentType,
                         Supplier<Map<String, Object>> configurations, String availabilityZone) {
        this.server = server;
        this.binary = binary;
        this.topic = topic;
        this.agentType = agentType;
        this.configurations = configurations;
        this.availabilityZone = availabilityZone;
    }

    /** Reports now (blocking, so the agent is registered before it asks for work), then periodically. */
    public void start(Duration interval) {
        report();
        timer.scheduleAtFixedRate(this::report, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void report() {
        try {
            server.reportState(new AgentState(binary, server.host(), topic, agentType, configurations.get(), !started,
                    availabilityZone));
            started = true;
        } catch (RuntimeException e) {
            if (started) {
                LOG.warn("report_state failed, will retry: {}", e.toString());
            } else if (retryScheduled.compareAndSet(false, true)) {
                LOG.warn("report_state failed, retrying in {} ms: {}", FIRST_REPORT_RETRY.toMillis(), e.toString());
                timer.schedule(() -> {
                    retryScheduled.set(false);
                    report();
                }, FIRST_REPORT_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
