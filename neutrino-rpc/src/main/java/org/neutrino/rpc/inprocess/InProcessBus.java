package org.neutrino.rpc.inprocess;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.neutrino.rpc.BusUnavailableException;
import org.neutrino.rpc.Dispatch;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.NoSubscriberException;
import org.neutrino.rpc.RpcHandler;
import org.neutrino.rpc.Subscription;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.internal.MalformedMessageException;
import org.neutrino.rpc.internal.PendingCalls;
import org.neutrino.rpc.internal.Request;
import org.neutrino.rpc.internal.SubscriptionWorker;
import org.neutrino.rpc.internal.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus of the all-in-one shape: server and agents in one JVM share one instance.
 *
 * <p>It behaves like the RabbitMQ topology of {@link org.neutrino.rpc.rabbit.RabbitBus}: a
 * queue per routing key ({@code topic}, {@code topic.host}) appears with its first subscriber
 * and then stays, keeping (up to {@value #BACKLOG_LIMIT}) messages that arrive while it has no
 * subscriber; subscribers of one queue take turns; a fanout reaches every subscription of the
 * topic that exists at that moment. Every message is serialized with the wire codec and parsed
 * again for each receiver, so nothing mutable is shared and the wire format is exercised.
 */
public final class InProcessBus implements MessageBus {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessBus.class);
    static final int BACKLOG_LIMIT = 10_000;

    private final WireCodec codec = new WireCodec();
    private final PendingCalls pendingCalls = new PendingCalls();
    private final String replyQueue = "reply_" + UUID.randomUUID().toString().replace("-", "");
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Queue> queues = new HashMap<>();
    private final Map<String, List<SubscriptionWorker>> fanouts = new HashMap<>();
    private final List<InProcessSubscription> subscriptions = new ArrayList<>();
    private boolean closed;

    /** A queue of one routing key: its subscribers, whose turn is next, and what waits. */
    private static final class Queue {
        final List<SubscriptionWorker> consumers = new ArrayList<>();
        final Deque<byte[]> backlog = new ArrayDeque<>();
        int next;
    }

    @Override
    public void cast(Target target, Message message) {
        Objects.requireNonNull(target, "target");
        route(target.routingKey(), codec.encode(Request.cast(Objects.requireNonNull(message, "message"))));
    }

    @Override
    public void fanoutCast(String topic, Message message) {
        Target fanout = Target.topic(topic);
        byte[] body = codec.encode(Request.cast(Objects.requireNonNull(message, "message")));
        lock.lock();
        try {
            ensureOpen();
            for (SubscriptionWorker worker : fanouts.getOrDefault(fanout.topic(), List.of())) {
                worker.deliver(body);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public JsonNode call(Target target, Message message, Duration timeout) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(timeout, "timeout");
        PendingCalls.Pending pending = pendingCalls.register();
        boolean routed;
        try {
            routed = route(target.routingKey(), codec.encode(new Request(message, pending.msgId(), replyQueue)));
        } catch (RuntimeException e) {
            pendingCalls.forget(pending);
            throw e;
        }
        if (!routed) {
            pendingCalls.forget(pending);
            throw new NoSubscriberException("nobody has subscribed to " + target + ": call " + message.method()
                    + " not delivered");
        }
        return pendingCalls.await(pending, target, message, timeout);
    }

    @Override
    public Subscription subscribe(Target target, RpcHandler handler, Dispatch dispatch) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(dispatch, "dispatch");
        SubscriptionWorker worker = new SubscriptionWorker(target, handler, dispatch, codec, this::sendReply);
        List<String> routingKeys = target.server() == null
                ? List.of(target.topic())
                : List.of(target.topic(), target.routingKey());
        lock.lock();
        try {
            if (closed) {
                worker.close();
                throw new BusUnavailableException("the in-process bus is closed");
            }
            for (String key : routingKeys) {
                Queue queue = queues.computeIfAbsent(key, k -> new Queue());
                queue.consumers.add(worker);
                while (!queue.backlog.isEmpty()) {
                    deliverLocked(queue, queue.backlog.removeFirst());
                }
            }
            fanouts.computeIfAbsent(target.topic(), t -> new ArrayList<>()).add(worker);
            InProcessSubscription subscription = new InProcessSubscription(target, routingKeys, worker);
            subscriptions.add(subscription);
            return subscription;
        } finally {
            lock.unlock();
        }
    }

    /** Closes every subscription; calls still waiting fail with {@link BusUnavailableException}. */
    @Override
    public void close() {
        List<InProcessSubscription> open;
        lock.lock();
        try {
            closed = true;
            open = List.copyOf(subscriptions);
        } finally {
            lock.unlock();
        }
        open.forEach(InProcessSubscription::close);
        pendingCalls.failAll("the in-process bus was closed");
    }

    /** Delivers or queues {@code body}; false when {@code routingKey} has no queue (the message is dropped). */
    private boolean route(String routingKey, byte[] body) {
        lock.lock();
        try {
            ensureOpen();
            Queue queue = queues.get(routingKey);
            if (queue == null) {
                LOG.debug("No queue for {}: the message is dropped", routingKey);
                return false;
            } else if (queue.consumers.isEmpty()) {
                if (queue.backlog.size() >= BACKLOG_LIMIT) {
                    LOG.warn("Queue {} has no subscriber and {} waiting messages: dropping the oldest",
                            routingKey, BACKLOG_LIMIT);
                    queue.backlog.removeFirst();
                }
                queue.backlog.addLast(body);
            } else {
                deliverLocked(queue, body);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void deliverLocked(Queue queue, byte[] body) {
        queue.next = queue.next % queue.consumers.size();
        queue.consumers.get(queue.next).deliver(body);
        queue.next++;
    }

    private void sendReply(String queueName, byte[] body) {
        if (!replyQueue.equals(queueName)) {
            LOG.warn("Dropping a reply for unknown reply queue {}", queueName);
            return;
        }
        try {
            pendingCalls.complete(codec.decodeReply(body));
        } catch (MalformedMessageException e) {
            LOG.warn("Dropping a malformed reply: {}", e.getMessage());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new BusUnavailableException("the in-process bus is closed");
        }
    }

    private final class InProcessSubscription implements Subscription {
        private final Target target;
        private final List<String> routingKeys;
        private final SubscriptionWorker worker;

        InProcessSubscription(Target target, List<String> routingKeys, SubscriptionWorker worker) {
            this.target = target;
            this.routingKeys = routingKeys;
            this.worker = worker;
        }

        @Override
        public Target target() {
            return target;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!subscriptions.remove(this)) {
                    return;
                }
                for (String key : routingKeys) {
                    queues.get(key).consumers.remove(worker);
                }
                fanouts.get(target.topic()).remove(worker);
            } finally {
                lock.unlock();
            }
            worker.close();
        }
    }
}
