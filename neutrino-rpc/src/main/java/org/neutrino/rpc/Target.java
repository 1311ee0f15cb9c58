package org.neutrino.rpc;

import java.util.Objects;

/**
 * Where a message goes: a topic ({@code q-plugin}, {@code dhcp_agent},
 * {@code q-agent-notifier-port-update}), optionally narrowed to one server (a host name).
 *
 * <p>As in oslo.messaging, the routing key of a target is {@code topic} when {@code server} is
 * null (any one subscriber of the topic gets the message) and {@code topic.server} otherwise.
 *
 * @param topic  the topic, not blank, without spaces
 * @param server the host the message is meant for, or null for any subscriber of the topic
 */
public record Target(String topic, String server) {

    public Target {
        Objects.requireNonNull(topic, "topic");
        if (topic.isBlank() || topic.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("topic must be a non-blank word: '" + topic + "'");
        }
        if (server != null && (server.isBlank() || server.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("server must be null or a non-blank word: '" + server + "'");
        }
    }

    /** A target served by any one subscriber of {@code topic}. */
    public static Target topic(String topic) {
        return new Target(topic, null);
    }

    /** A target served by the subscriber of {@code topic} on host {@code server}. */
    public static Target server(String topic, String server) {
        return new Target(topic, Objects.requireNonNull(server, "server"));
    }

    /** {@code topic} or {@code topic.server}: the routing key of this target. */
    public String routingKey() {
        return server == null ? topic : topic + "." + server;
    }

    /** The target without its server: the shared queue of the topic. */
    public Target anyServer() {
        return server == null ? this : new Target(topic, null);
    }

    @Override
    public String toString() {
        return routingKey();
    }
}
