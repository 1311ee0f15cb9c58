package org.neutrino.agent.common;

import java.time.Duration;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.RpcHandler;
import org.neutrino.rpc.Subscription;
import org.neutrino.rpc.Target;

/**
 * The start and stop of an agent that reports its state, listens on its target and runs one
 * synchronisation loop (the DHCP and L3 agents). The loop runs until {@link #closed()}.
 */
public final class AgentLifecycle implements AutoCloseable {
    private final String agentName;
    private final String host;
    private final StateReporter reporter;
    private volatile boolean closed;
    private Subscription subscription;
    private Thread loop;

    /** @param agentName the words in "{@code the <agentName> of <host> is already started}", e.g. {@code L3 agent} */
    public AgentLifecycle(String agentName, String host, StateReporter reporter) {
        this.agentName = agentName;
        this.host = host;
        this.reporter = reporter;
    }

    /**
     * Reports the agent's state (once, blocking, then every {@code reportInterval}), subscribes
     * {@code handler} to {@code target} and starts {@code run} in a thread named
     * {@code <threadPrefix><host>}. Returns without waiting for it.
     */
    public synchronized void start(Duration reportInterval, MessageBus bus, Target target, RpcHandler handler, String threadPrefix,
                                   Runnable run) {
        if (loop != null) {
            throw new IllegalStateException("the " + agentName + " of " + host + " is already started");
        }
        reporter.start(reportInterval);
        subscription = bus.subscribe(target, handler);
        loop = Thread.ofPlatform().name(threadPrefix + host).daemon().start(run);
    }

    /** Whether {@link #close()} was called: the loop ends. */
    public boolean closed() {
        return closed;
    }

    /** Stops listening and reporting, and waits (30 s at most) for the loop to end. */
    @Override
    public synchronized void close() {
        closed = true;
        if (subscription != null) {
            subscription.close();
        }
        reporter.close();
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
