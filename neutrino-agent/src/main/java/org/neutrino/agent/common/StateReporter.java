package org.neutrino.agent.common;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.neutrino.rpc.agent.AgentState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code report_state} every {@code [AGENT] report_interval}: the first report carries
 * {@code start_flag}, failures are logged and retried at the next tick.
 */
public final class StateReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateReporter.class);

    private final ServerRpc server;
    private final String binary;
    private final String topic;
    private final String agentType;
    private final Supplier<Map<String, Object>> configurations;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("state-reporter").factory());
    private volatile boolean started;

    public StateReporter(ServerRpc server, String binary, String topic, String agentType,
                         Supplier<Map<String, Object>> configurations) {
        this.server = server;
        this.binary = binary;
        this.topic = topic;
        this.agentType = agentType;
        this.configurations = configurations;
    }

    /** Reports now (blocking, so the agent is registered before it asks for work), then periodically. */
    public void start(Duration interval) {
        report();
        timer.scheduleAtFixedRate(this::report, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void report() {
        try {
            server.reportState(new AgentState(binary, server.host(), topic, agentType, configurations.get(), !started));
            started = true;
        } catch (RuntimeException e) {
            LOG.warn("report_state failed, will retry: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
