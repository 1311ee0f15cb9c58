package org.neutrino.rpc.rabbit;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.neutrino.rpc.BusUnavailableException;
import org.neutrino.rpc.Dispatch;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.NoSubscriberException;
import org.neutrino.rpc.RpcException;
import org.neutrino.rpc.RpcHandler;
import org.neutrino.rpc.Subscription;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.TransportUrl;
import org.neutrino.rpc.internal.MalformedMessageException;
import org.neutrino.rpc.internal.PendingCalls;
import org.neutrino.rpc.internal.Request;
import org.neutrino.rpc.internal.SubscriptionWorker;
import org.neutrino.rpc.internal.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus over RabbitMQ (AMQP 0-9-1), with oslo.messaging's topology:
 * <ul>
 *   <li>casts and calls go to the topic exchange named by {@code control_exchange}
 *       ({@code neutron} by default) with routing key {@code topic} or {@code topic.host};
 *       each is bound to a shared, non-durable queue of the same name;
 *   <li>fanout casts go to the fanout exchange {@code <topic>_fanout}; each subscription has
 *       its own auto-delete queue {@code <topic>_fanout_<uuid>} bound to it;
 *   <li>replies go through the default exchange to this bus's queue {@code reply_<uuid>}
 *       (the request's {@code _reply_q}), matched to calls by {@code _msg_id}.
 * </ul>
 *
 * <p>One connection per bus, with the client's automatic recovery: after the broker comes back,
 * exchanges, queues, bindings and consumers are declared again and subscriptions receive
 * messages by themselves. While the connection is down, sends wait for it up to
 * {@link Options#unavailableWait()} (a call at most its own timeout) and then fail with
 * {@link BusUnavailableException}; nothing is queued in the client. Each subscription has its
 * own channel; sends share one channel.
 */
public final class RabbitBus implements MessageBus {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitBus.class);
    private static final int DEFAULT_PORT = 5672;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);
    /** Transport URL options this bus knows; it warns about the others and ignores them. */
    private static final Set<String> KNOWN_OPTIONS = Set.of();

    private final Connection connection;
    private final Options options;
    private final String brokerDescription;
    private final WireCodec codec = new WireCodec();
    private final PendingCalls pendingCalls = new PendingCalls();
    private final String replyQueue = "reply_" + UUID.randomUUID().toString().replace("-", "");
    private final ReentrantLock publishLock = new ReentrantLock();
    private final ReentrantLock subscriptionsLock = new ReentrantLock();
    private final List<RabbitSubscription> subscriptions = new ArrayList<>();
    private final Channel replyChannel;
    private Channel publishChannel;
    private volatile boolean closed;

    /**
     * Settings of a RabbitMQ bus.
     *
     * @param controlExchange  the topic exchange of casts and calls ({@code [DEFAULT]
     *                         control_exchange}, {@code neutron} by default)
     * @param unavailableWait  how long a send waits for a lost connection to come back
     * @param recoveryInterval the pause between two reconnection attempts
     * @param connectionName   the name the broker shows for the connection
     */
    public record Options(String controlExchange, Duration unavailableWait, Duration recoveryInterval,
                          String connectionName) {
        public Options {
            Objects.requireNonNull(controlExchange, "controlExchange");
            Objects.requireNonNull(unavailableWait, "unavailableWait");
            Objects.requireNonNull(recoveryInterval, "recoveryInterval");
            Objects.requireNonNull(connectionName, "connectionName");
            if (controlExchange.isBlank()) {
                throw new IllegalArgumentException("controlExchange must not be blank");
            }
            if (unavailableWait.isNegative() || recoveryInterval.isNegative() || recoveryInterval.isZero()) {
                throw new IllegalArgumentException("unavailableWait must be >= 0 and recoveryInterval > 0");
            }
        }

        /** Exchange {@code neutron}, wait 5 s for a lost broker, retry every second. */
        public static Options defaults() {
            return new Options("neutron", Duration.ofSeconds(5), Duration.ofSeconds(1), "neutrino");
        }

        public Options withControlExchange(String exchange) {
            return new Options(exchange, unavailableWait, recoveryInterval, connectionName);
        }

        public Options withUnavailableWait(Duration wait) {
            return new Options(controlExchange, wait, recoveryInterval, connectionName);
        }

        public Options withConnectionName(String name) {
            return new Options(controlExchange, unavailableWait, recoveryInterval, name);
        }
    }

    private RabbitBus(Connection connection, Options options, String brokerDescription) throws IOException {
        this.connection = connection;
        this.options = options;
        this.brokerDescription = brokerDescription;
        this.publishChannel = newPublishChannel();
        this.replyChannel = connection.createChannel();
        replyChannel.queueDeclare(replyQueue, false, true, true, null);
        replyChannel.basicConsume(replyQueue, true, new DefaultConsumer(replyChannel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                try {
                    pendingCalls.complete(codec.decodeReply(body));
                } catch (MalformedMessageException e) {
                    LOG.warn("Dropping a malformed reply: {}", e.getMessage());
                }
            }
        });
        ((Recoverable) connection).addRecoveryListener(new RecoveryListener() {
            @Override
            public void handleRecovery(Recoverable recoverable) {
                LOG.info("Connection to RabbitMQ {} recovered", brokerDescription);
            }

            @Override
            public void handleRecoveryStarted(Recoverable recoverable) {
                LOG.info("Reconnecting to RabbitMQ {}", brokerDescription);
            }
        });
        connection.addShutdownListener(cause -> {
            if (!closed) {
                LOG.warn("Connection to RabbitMQ {} lost: {}", brokerDescription, cause.getMessage());
            }
        });
    }

    /** Connects to the broker of {@code transportUrl} ({@code rabbit://...}) with the defaults. */
    public static RabbitBus fromTransportUrl(String transportUrl) {
        return connect(TransportUrl.parse(transportUrl), Options.defaults());
    }

    /**
     * Connects to the brokers of {@code url} (the first one that answers; user, password and
     * virtual host are taken from the first host).
     *
     * @throws IllegalArgumentException when {@code url} is not a {@code rabbit} URL with a host
     * @throws BusUnavailableException  when no broker accepts the connection
     */
    public static RabbitBus connect(TransportUrl url, Options options) {
        if (!"rabbit".equals(url.transport()) || url.hosts().isEmpty()) {
            throw new IllegalArgumentException("not a rabbit://user:pass@host:port/vhost transport_url: "
                    + url.transport() + "://" + url.hosts());
        }
        for (String option : url.options().keySet()) {
            if (!KNOWN_OPTIONS.contains(option)) {
                LOG.warn("Ignoring unknown transport_url option {}", option);
            }
        }
        TransportUrl.Host first = url.hosts().getFirst();
        ConnectionFactory factory = new ConnectionFactory();
        if (first.username() != null) {
            factory.setUsername(first.username());
        }
        if (first.password() != null) {
            factory.setPassword(first.password());
        }
        factory.setVirtualHost(url.virtualHost().isEmpty() ? "/" : url.virtualHost());
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(options.recoveryInterval().toMillis());
        factory.setConnectionTimeout(5_000);
        factory.setRequestedHeartbeat(30);
        List<Address> addresses = url.hosts().stream()
                .map(host -> new Address(host.hostname(), host.portOr(DEFAULT_PORT)))
                .toList();
        String description = url.hosts().toString() + " vhost '" + factory.getVirtualHost() + "'";
        Connection connection;
        try {
            connection = factory.newConnection(addresses, options.connectionName());
        } catch (IOException | TimeoutException e) {
            throw new BusUnavailableException("cannot connect to RabbitMQ " + description + ": " + e.getMessage(), e);
        }
        try {
            return new RabbitBus(connection, options, description);
        } catch (IOException | RuntimeException e) {
            closeQuietly(connection);
            throw new BusUnavailableException("cannot set up the reply queue on RabbitMQ " + description, e);
        }
    }

    @Override
    public void cast(Target target, Message message) {
        Objects.requireNonNull(target, "target");
        byte[] body = codec.encode(Request.cast(Objects.requireNonNull(message, "message")));
        publish(options.controlExchange(), BuiltinExchangeType.TOPIC, target.routingKey(), body, false,
                options.unavailableWait());
    }

    @Override
    public void fanoutCast(String topic, Message message) {
        Target fanout = Target.topic(topic);
        byte[] body = codec.encode(Request.cast(Objects.requireNonNull(message, "message")));
        publish(fanoutExchange(fanout.topic()), BuiltinExchangeType.FANOUT, fanout.topic(), body, false,
                options.unavailableWait());
    }

    @Override
    public JsonNode call(Target target, Message message, Duration timeout) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(timeout, "timeout");
        long started = System.nanoTime();
        PendingCalls.Pending pending = pendingCalls.register();
        try {
            byte[] body = codec.encode(new Request(message, pending.msgId(), replyQueue));
            Duration wait = timeout.compareTo(options.unavailableWait()) < 0 ? timeout : options.unavailableWait();
            publish(options.controlExchange(), BuiltinExchangeType.TOPIC, target.routingKey(), body, true, wait);
        } catch (RuntimeException e) {
            pendingCalls.forget(pending);
            throw e;
        }
        Duration left = timeout.minusNanos(System.nanoTime() - started);
        return pendingCalls.await(pending, target, message, left.isNegative() ? Duration.ZERO : left);
    }

    /**
     * {@inheritDoc}
     *
     * <p>While the connection is down, waits up to {@link Options#unavailableWait()} for it.
     */
    @Override
    public Subscription subscribe(Target target, RpcHandler handler, Dispatch dispatch) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(dispatch, "dispatch");
        SubscriptionWorker worker = new SubscriptionWorker(target, handler, dispatch, codec, this::sendReply);
        long deadline = System.nanoTime() + options.unavailableWait().toNanos();
        while (true) {
            try {
                ensureOpen();
                RabbitSubscription subscription = new RabbitSubscription(target, consume(target, worker), worker);
                subscriptionsLock.lock();
                try {
                    subscriptions.add(subscription);
                } finally {
                    subscriptionsLock.unlock();
                }
                return subscription;
            } catch (IOException | AlreadyClosedException e) {
                if (isChannelError(e)) {
                    worker.close();
                    throw new RpcException("RabbitMQ " + brokerDescription + " refused the subscription to "
                            + target + ": " + e.getCause().getMessage(), e);
                }
                if (System.nanoTime() - deadline >= 0) {
                    worker.close();
                    throw new BusUnavailableException("cannot subscribe to " + target + " on RabbitMQ "
                            + brokerDescription + ": " + e.getMessage(), e);
                }
            } catch (BusUnavailableException e) {
                worker.close();
                throw e;
            }
            pauseBeforeRetry();
        }
    }

    /**
     * Opens a channel, declares the queues of {@code target} (its topic's shared queue, the
     * {@code topic.server} queue when it has a server, its own fanout queue) and consumes them.
     */
    private Channel consume(Target target, SubscriptionWorker worker) throws IOException {
        Channel channel = connection.createChannel();
        try {
            channel.exchangeDeclare(options.controlExchange(), BuiltinExchangeType.TOPIC, false, false, null);
            List<String> queues = new ArrayList<>();
            queues.add(declareTopicQueue(channel, target.topic()));
            if (target.server() != null) {
                queues.add(declareTopicQueue(channel, target.routingKey()));
            }
            String fanoutExchange = fanoutExchange(target.topic());
            String fanoutQueue = fanoutExchange + "_" + UUID.randomUUID().toString().replace("-", "");
            channel.exchangeDeclare(fanoutExchange, BuiltinExchangeType.FANOUT, false, true, null);
            channel.queueDeclare(fanoutQueue, false, false, true, null);
            channel.queueBind(fanoutQueue, fanoutExchange, target.topic());
            queues.add(fanoutQueue);
            DefaultConsumer consumer = new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                                           byte[] body) {
                    worker.deliver(body);
                }
            };
            for (String queue : queues) {
                channel.basicConsume(queue, true, consumer);
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Closes the subscriptions and the connection; calls still waiting fail. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RabbitSubscription> open;
        subscriptionsLock.lock();
        try {
            open = List.copyOf(subscriptions);
        } finally {
            subscriptionsLock.unlock();
        }
        open.forEach(RabbitSubscription::close);
        pendingCalls.failAll("the RabbitMQ bus was closed");
        closeQuietly(connection);
    }

    /** Declares the shared queue {@code name} bound to the control exchange with key {@code name}. */
    private String declareTopicQueue(Channel channel, String name) throws IOException {
        channel.queueDeclare(name, false, false, false, null);
        channel.queueBind(name, options.controlExchange(), name);
        return name;
    }

    private String fanoutExchange(String topic) {
        return topic + "_fanout";
    }

    private void sendReply(String queue, byte[] body) {
        try {
            publish("", null, queue, body, false, options.unavailableWait());
        } catch (BusUnavailableException e) {
            LOG.warn("Could not send a reply to {}: {}", queue, e.getMessage());
        }
    }

    /**
     * Publishes {@code body}, declaring the exchange first (so that a fanout to a topic without
     * subscribers does not fail); waits up to {@code wait} for a lost connection to come back.
     * A {@code mandatory} message that no queue takes comes back to {@link #onReturn}.
     */
    private void publish(String exchange, BuiltinExchangeType type, String routingKey, byte[] body, boolean mandatory,
                         Duration wait) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .contentEncoding("utf-8")
                .deliveryMode(1)
                .build();
        long deadline = System.nanoTime() + wait.toNanos();
        Exception lastError = null;
        while (true) {
            ensureOpen();
            publishLock.lock();
            try {
                if (!publishChannel.isOpen() && connection.isOpen()) {
                    // closed by a channel error (recovery only covers connection failures)
                    publishChannel = newPublishChannel();
                }
                if (publishChannel.isOpen()) {
                    if (type != null) {
                        publishChannel.exchangeDeclare(exchange, type, false, type == BuiltinExchangeType.FANOUT,
                                null);
                    }
                    publishChannel.basicPublish(exchange, routingKey, mandatory, properties, body);
                    return;
                }
            } catch (IOException e) {
                if (isChannelError(e)) {
                    throw new RpcException("RabbitMQ " + brokerDescription + " refused the message to "
                            + (exchange.isEmpty() ? "" : exchange + "/") + routingKey + ": "
                            + e.getCause().getMessage(), e);
                }
                lastError = e;
            } catch (AlreadyClosedException e) {
                lastError = e;
            } finally {
                publishLock.unlock();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new BusUnavailableException("RabbitMQ " + brokerDescription + " is unreachable: message to "
                        + (exchange.isEmpty() ? "" : exchange + "/") + routingKey + " not sent after waiting "
                        + wait.toMillis() + " ms" + (lastError == null ? "" : " (" + lastError.getMessage() + ")"),
                        lastError);
            }
            pauseBeforeRetry();
        }
    }

    private Channel newPublishChannel() throws IOException {
        Channel channel = connection.createChannel();
        channel.addReturnListener(this::onReturn);
        return channel;
    }

    /** A call nobody subscribed to came back unroutable: its caller fails now, not at its timeout. */
    private void onReturn(Return returned) {
        try {
            Request request = codec.decodeRequest(returned.getBody());
            if (request.isCall()) {
                pendingCalls.fail(request.msgId(), new NoSubscriberException("nobody has subscribed to "
                        + returned.getRoutingKey() + " on RabbitMQ " + brokerDescription + ": call "
                        + request.message().method() + " returned (" + returned.getReplyText() + ")"));
            }
        } catch (MalformedMessageException e) {
            LOG.warn("Dropping a malformed returned message: {}", e.getMessage());
        }
    }

    /**
     * True when the broker closed the channel because of what we asked (e.g. an exchange that
     * exists with other flags): unlike a lost connection, waiting does not help.
     */
    private static boolean isChannelError(Exception e) {
        return e.getCause() instanceof ShutdownSignalException signal && !signal.isHardError();
    }

    private void pauseBeforeRetry() {
        try {
            Thread.sleep(RETRY_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusUnavailableException("interrupted while waiting for RabbitMQ " + brokerDescription);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new BusUnavailableException("the RabbitMQ bus is closed");
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("Ignoring an error while closing {}", closeable, e);
        }
    }

    private final class RabbitSubscription implements Subscription {
        private final Target target;
        private final Channel channel;
        private final SubscriptionWorker worker;

        RabbitSubscription(Target target, Channel channel, SubscriptionWorker worker) {
            this.target = target;
            this.channel = channel;
            this.worker = worker;
        }

        @Override
        public Target target() {
            return target;
        }

        @Override
        public void close() {
            subscriptionsLock.lock();
            try {
                if (!subscriptions.remove(this)) {
                    return;
                }
            } finally {
                subscriptionsLock.unlock();
            }
            worker.close();
            closeQuietly(channel);
        }
    }
}
