package org.neutrino.agent.common;

import java.time.Duration;
import org.neutrino.rpc.BusUnavailableException;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.MessageBuses;
import org.neutrino.rpc.TransportUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How an agent of its own process reaches the server's broker. */
public final class AgentBus {
    private static final Logger LOG = LoggerFactory.getLogger(AgentBus.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private AgentBus() {
    }

    /** Connects to the broker, retrying with a growing pause (up to 10 s) until it answers. */
    public static MessageBus connect(String transportUrl) throws InterruptedException {
        Duration pause = Duration.ofMillis(500);
        while (true) {
            try {
                return MessageBuses.fromTransportUrl(transportUrl);
            } catch (BusUnavailableException e) {
                LOG.warn("message bus {} unreachable ({}), retrying in {} ms", TransportUrl.redacted(transportUrl),
                        e.getMessage(), pause.toMillis());
                Thread.sleep(pause);
                pause = pause.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause.multipliedBy(2);
            }
        }
    }
}
