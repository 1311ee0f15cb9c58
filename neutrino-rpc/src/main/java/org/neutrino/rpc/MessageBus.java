package org.neutrino.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * The message bus between the server and the agents, with oslo.messaging's semantics.
 *
 * <ul>
 *   <li>{@link #cast}: one-way, to one subscriber of the target. With a server-less target,
 *       subscribers of the topic take turns (round-robin); with {@code topic.server} only that
 *       host's subscriber gets it.
 *   <li>{@link #fanoutCast}: one-way, to every subscription of the topic, whatever its server.
 *   <li>{@link #call}: request/reply with a timeout.
 *   <li>{@link #subscribe}: a server. Like an oslo.messaging RPC server, a subscription to
 *       {@code Target(topic, host)} receives messages sent to {@code topic.host}, to plain
 *       {@code topic} (shared round-robin with the other subscribers of the topic) and the
 *       topic's fanout; a subscription to {@code Target(topic, null)} receives {@code topic} and
 *       the fanout.
 * </ul>
 *
 * <p>Delivery is at most once. The queue of a routing key ({@code topic}, {@code topic.host})
 * appears with its first subscription and stays: a message sent while it has no subscriber
 * waits there for the next one, but a message sent to a routing key nobody ever subscribed to
 * is dropped (a call to it times out), and so is a fanout sent while a subscription is not there.
 * Messages are serialized to JSON on the way, so sender and receiver never share objects.
 * Handlers run on virtual threads, concurrently by default; see {@link Dispatch}. All methods
 * are thread-safe.
 */
public interface MessageBus extends AutoCloseable {

    /**
     * Sends {@code message} to one subscriber of {@code target} and returns without waiting.
     *
     * @throws BusUnavailableException when the bus cannot send (broker down, bus closed)
     */
    void cast(Target target, Message message);

    /**
     * Sends {@code message} to every subscription of {@code topic} and returns without waiting.
     *
     * @throws BusUnavailableException when the bus cannot send (broker down, bus closed)
     */
    void fanoutCast(String topic, Message message);

    /**
     * Sends {@code message} to one subscriber of {@code target} and waits for its reply.
     *
     * @param timeout how long to wait for the reply (Neutron's {@code [DEFAULT]
     *                rpc_response_timeout}, 60 s by default)
     * @return the handler's reply; JSON {@code null} (a {@code NullNode}) when it returned null
     * @throws RpcTimeoutException     when no reply came within {@code timeout}
     * @throws NoSubscriberException   at once, when nobody ever subscribed to {@code target} (a
     *                                 queue that exists without subscribers keeps the message)
     * @throws RemoteErrorException    when the remote handler threw
     * @throws BusUnavailableException when the bus cannot send (broker down, bus closed)
     */
    JsonNode call(Target target, Message message, Duration timeout);

    /**
     * Subscribes {@code handler} to {@code target}, handling messages concurrently
     * ({@link Dispatch#CONCURRENT}).
     */
    default Subscription subscribe(Target target, RpcHandler handler) {
        return subscribe(target, handler, Dispatch.CONCURRENT);
    }

    /**
     * Subscribes {@code handler} to {@code target} (see the class comment for what it receives).
     * The subscription is ready when this method returns: a message sent afterwards reaches it.
     *
     * @throws BusUnavailableException when the bus cannot subscribe (broker down, bus closed)
     */
    Subscription subscribe(Target target, RpcHandler handler, Dispatch dispatch);

    /** Closes every subscription of this bus and its connection; pending calls fail. */
    @Override
    void close();
}
