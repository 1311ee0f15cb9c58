package org.neutrino.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.exceptions.NeutronException;

/**
 * The semantics every {@link MessageBus} has, written once; each transport's test class says
 * how to open its buses. The server side subscribes on {@link #server}, the client side sends
 * on {@link #client} (two connections where the transport has connections).
 */
public abstract class MessageBusContractTest {
    protected static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    protected static final Duration AWAIT = Duration.ofSeconds(10);
    /** How long a test waits to be sure a message does not arrive. */
    protected static final Duration QUIET = Duration.ofMillis(300);

    protected MessageBus server;
    protected MessageBus client;
    protected String topic;

    /** Opens the bus the handlers subscribe on. */
    protected abstract MessageBus openServerBus();

    /** Opens the bus the messages are sent from; may be the server bus itself. */
    protected abstract MessageBus openClientBus(MessageBus serverBus);

    @BeforeEach
    void openBuses() {
        server = openServerBus();
        client = openClientBus(server);
        topic = "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void closeBuses() {
        Set<MessageBus> buses = Collections.newSetFromMap(new IdentityHashMap<>());
        for (MessageBus bus : new MessageBus[] {client, server}) {
            if (bus != null) {
                buses.add(bus);
            }
        }
        buses.forEach(MessageBus::close);
    }

    protected static Message message(String method, int seq) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.put("seq", seq);
        return new Message(method, args);
    }

    /** A handler recording what it receives. */
    public static final class Recorder implements RpcHandler {
        public final List<Message> received = new CopyOnWriteArrayList<>();

        @Override
        public JsonNode handle(Message message) {
            received.add(message);
            return null;
        }

        public List<Integer> seqs() {
            return received.stream().map(m -> m.args().get("seq").asInt()).toList();
        }
    }

    @Test
    void castReachesExactlyOneOfSeveralSubscribersInTurn() {
        List<Recorder> recorders = List.of(new Recorder(), new Recorder(), new Recorder());
        recorders.forEach(r -> server.subscribe(Target.topic(topic), r));

        for (int i = 0; i < 6; i++) {
            client.cast(Target.topic(topic), message("port_update", i));
        }

        await().atMost(AWAIT).until(() -> recorders.stream().mapToInt(r -> r.received.size()).sum() == 6);
        List<Integer> all = new ArrayList<>();
        recorders.forEach(r -> all.addAll(r.seqs()));
        assertThat(all).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        assertThat(recorders).allSatisfy(r -> assertThat(r.received).hasSize(2));
    }

    @Test
    void castToTopicDotHostReachesOnlyThatHost() throws InterruptedException {
        Recorder hostA = new Recorder();
        Recorder hostB = new Recorder();
        server.subscribe(Target.server(topic, "host-a"), hostA);
        server.subscribe(Target.server(topic, "host-b"), hostB);

        for (int i = 0; i < 3; i++) {
            client.cast(Target.server(topic, "host-a"), message("network_delete", i));
        }

        await().atMost(AWAIT).until(() -> hostA.received.size() == 3);
        Thread.sleep(QUIET.toMillis());
        assertThat(hostA.seqs()).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(hostB.received).isEmpty();
    }

    @Test
    void subscriptionToTopicDotHostAlsoServesThePlainTopic() {
        Recorder hostA = new Recorder();
        server.subscribe(Target.server(topic, "host-a"), hostA);

        client.cast(Target.topic(topic), message("report_state", 7));

        await().atMost(AWAIT).until(() -> hostA.seqs().equals(List.of(7)));
    }

    @Test
    void fanoutReachesEverySubscriptionOfTheTopicAndNoOther() throws InterruptedException {
        Recorder any = new Recorder();
        Recorder hostA = new Recorder();
        Recorder hostB = new Recorder();
        Recorder otherTopic = new Recorder();
        server.subscribe(Target.topic(topic), any);
        server.subscribe(Target.server(topic, "host-a"), hostA);
        server.subscribe(Target.server(topic, "host-b"), hostB);
        server.subscribe(Target.topic(topic + "-other"), otherTopic);

        client.fanoutCast(topic, message("security_groups_member_updated", 1));

        await().atMost(AWAIT).until(() -> any.received.size() == 1 && hostA.received.size() == 1
                && hostB.received.size() == 1);
        Thread.sleep(QUIET.toMillis());
        assertThat(List.of(any, hostA, hostB)).allSatisfy(r -> {
            assertThat(r.received).hasSize(1);
            assertThat(r.received.getFirst().method()).isEqualTo("security_groups_member_updated");
        });
        assertThat(otherTopic.received).isEmpty();
    }

    @Test
    void fanoutToATopicWithoutSubscribersIsDropped() {
        client.fanoutCast(topic, message("port_update", 1));

        Recorder late = new Recorder();
        server.subscribe(Target.topic(topic), late);
        client.fanoutCast(topic, message("port_update", 2));

        await().atMost(AWAIT).until(() -> !late.received.isEmpty());
        assertThat(late.seqs()).containsExactly(2);
    }

    @Test
    void callReturnsTheReplyOfTheHandler() {
        server.subscribe(Target.server(topic, "host-a"), message -> {
            ObjectNode reply = JsonNodeFactory.instance.objectNode();
            reply.put("device", message.args().get("device").asText());
            reply.put("admin_state_up", true);
            return reply;
        });
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.put("device", "tap3f2a9c1e-7b");

        JsonNode reply = client.call(Target.server(topic, "host-a"),
                new Message("get_device_details", args), CALL_TIMEOUT);

        assertThat(reply.get("device").asText()).isEqualTo("tap3f2a9c1e-7b");
        assertThat(reply.get("admin_state_up").asBoolean()).isTrue();
    }

    @Test
    void callOfAHandlerReturningNullGivesJsonNull() {
        server.subscribe(Target.topic(topic), message -> null);

        JsonNode reply = client.call(Target.topic(topic), Message.of("update_device_up"), CALL_TIMEOUT);

        assertThat(reply).isNotNull();
        assertThat(reply.isNull()).isTrue();
    }

    @Test
    void manyConcurrentCallsGetTheirOwnReplies() throws InterruptedException {
        server.subscribe(Target.topic(topic), message -> message.args().get("seq"));
        List<Thread> callers = new ArrayList<>();
        List<String> mismatches = new CopyOnWriteArrayList<>();
        AtomicInteger answered = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            int seq = i;
            callers.add(Thread.ofVirtual().start(() -> {
                JsonNode reply = client.call(Target.topic(topic), message("echo", seq), CALL_TIMEOUT);
                if (reply.asInt() != seq) {
                    mismatches.add(seq + " got " + reply);
                }
                answered.incrementAndGet();
            }));
        }
        for (Thread caller : callers) {
            caller.join(AWAIT.toMillis());
        }
        assertThat(mismatches).isEmpty();
        assertThat(answered).hasValue(20);
    }

    @Test
    void callWithoutAnAnswerTimesOut() {
        server.subscribe(Target.topic(topic), message -> {
            Thread.sleep(5_000);
            return null;
        });
        long started = System.nanoTime();

        assertThatThrownBy(() -> client.call(Target.topic(topic), Message.of("sync_routers"), Duration.ofMillis(300)))
                .isInstanceOf(RpcTimeoutException.class)
                .hasMessageContaining("sync_routers");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void callToATopicNobodyEverSubscribedFailsAtOnce() {
        assertThatThrownBy(() -> client.call(Target.topic(topic), Message.of("sync_routers"), Duration.ofSeconds(60)))
                .isInstanceOf(NoSubscriberException.class)
                .hasMessageContaining("sync_routers")
                .hasMessageContaining(topic);
    }

    @Test
    void callToATopicWhoseSubscribersLeftWaitsForOneAndTimesOut() {
        server.subscribe(Target.topic(topic), message -> null).close();

        assertThatThrownBy(() -> client.call(Target.topic(topic), Message.of("sync_routers"), Duration.ofMillis(300)))
                .isInstanceOf(RpcTimeoutException.class);
    }

    @Test
    void handlerErrorComesBackWithItsTypeAndMessage() {
        server.subscribe(Target.topic(topic), message -> {
            if (message.method().equals("get_network_info")) {
                throw NeutronException.notFound("NetworkNotFound", "Network 42 could not be found.");
            }
            throw new IllegalStateException("no such state");
        });

        assertThatThrownBy(() -> client.call(Target.topic(topic), Message.of("get_network_info"), CALL_TIMEOUT))
                .isInstanceOfSatisfying(RemoteErrorException.class, e -> {
                    assertThat(e.exceptionType()).isEqualTo("NetworkNotFound");
                    assertThat(e.remoteMessage()).isEqualTo("Network 42 could not be found.");
                });
        assertThatThrownBy(() -> client.call(Target.topic(topic), Message.of("other"), CALL_TIMEOUT))
                .isInstanceOfSatisfying(RemoteErrorException.class, e -> {
                    assertThat(e.exceptionType()).isEqualTo("IllegalStateException");
                    assertThat(e.remoteMessage()).isEqualTo("no such state");
                });
    }

    @Test
    void failingCastHandlerDoesNotStopTheSubscription() {
        Recorder recorder = new Recorder();
        server.subscribe(Target.topic(topic), message -> {
            if (message.method().equals("boom")) {
                throw new IllegalStateException("boom");
            }
            return recorder.handle(message);
        });

        client.cast(Target.topic(topic), Message.of("boom"));
        client.cast(Target.topic(topic), message("after", 1));

        await().atMost(AWAIT).until(() -> recorder.seqs().equals(List.of(1)));
    }

    @Test
    void receiverGetsACopyOfTheArguments() {
        List<Message> received = new CopyOnWriteArrayList<>();
        server.subscribe(Target.topic(topic), message -> {
            message.args().put("touched", true);
            received.add(message);
            return null;
        });
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.putArray("port_ids").add("p1").add("p2");
        Message sent = new Message("port_update", args);

        client.cast(Target.topic(topic), sent);

        await().atMost(AWAIT).until(() -> received.size() == 1);
        assertThat(received.getFirst().args()).isNotSameAs(args);
        assertThat(received.getFirst().args().get("port_ids")).isEqualTo(args.get("port_ids"));
        assertThat(args.has("touched")).isFalse();
    }

    @Test
    void handlersRunOnVirtualThreads() {
        server.subscribe(Target.topic(topic), message -> JsonNodeFactory.instance.booleanNode(
                Thread.currentThread().isVirtual()));

        assertThat(client.call(Target.topic(topic), Message.of("where"), CALL_TIMEOUT).asBoolean()).isTrue();
    }

    @Test
    void concurrentDispatchHandlesMessagesOfOneSubscriptionAtTheSameTime() {
        CountDownLatch bothInside = new CountDownLatch(2);
        Recorder done = new Recorder();
        server.subscribe(Target.topic(topic), message -> {
            bothInside.countDown();
            if (!bothInside.await(AWAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other message was not handled meanwhile");
            }
            return done.handle(message);
        }, Dispatch.CONCURRENT);

        client.cast(Target.topic(topic), message("a", 1));
        client.cast(Target.topic(topic), message("b", 2));

        await().atMost(AWAIT).until(() -> done.received.size() == 2);
    }

    @Test
    void orderedDispatchHandlesMessagesOneAtATimeInOrder() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        Recorder recorder = new Recorder();
        server.subscribe(Target.topic(topic), message -> {
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            Thread.sleep(message.args().get("seq").asInt() % 3 * 5L);
            inside.decrementAndGet();
            return recorder.handle(message);
        }, Dispatch.ORDERED);

        for (int i = 0; i < 15; i++) {
            client.cast(Target.topic(topic), message("routers_updated", i));
        }

        await().atMost(AWAIT).until(() -> recorder.received.size() == 15);
        assertThat(recorder.seqs()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        assertThat(maxInside).hasValue(1);
    }

    @Test
    void closedSubscriptionReceivesNothingMore() throws InterruptedException {
        Recorder closedOne = new Recorder();
        Recorder openOne = new Recorder();
        Subscription toClose = server.subscribe(Target.topic(topic), closedOne);
        server.subscribe(Target.topic(topic), openOne);

        toClose.close();
        toClose.close();
        for (int i = 0; i < 4; i++) {
            client.cast(Target.topic(topic), message("port_delete", i));
        }
        client.fanoutCast(topic, message("port_delete", 9));

        await().atMost(AWAIT).until(() -> openOne.received.size() == 5);
        Thread.sleep(QUIET.toMillis());
        assertThat(closedOne.received).isEmpty();
        assertThat(toClose.target()).isEqualTo(Target.topic(topic));
    }

    @Test
    void closingAnOrderedSubscriptionDropsTheMessagesNotYetHandled() throws InterruptedException {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recorder recorder = new Recorder();
        Subscription subscription = server.subscribe(Target.topic(topic), message -> {
            firstStarted.countDown();
            release.await();
            return recorder.handle(message);
        }, Dispatch.ORDERED);
        for (int i = 0; i < 3; i++) {
            client.cast(Target.topic(topic), message("port_update", i));
        }
        assertThat(firstStarted.await(AWAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Thread.sleep(QUIET.toMillis());

        subscription.close();
        release.countDown();

        await().atMost(AWAIT).until(() -> recorder.received.size() == 1);
        Thread.sleep(QUIET.toMillis());
        assertThat(recorder.seqs()).containsExactly(0);
    }

    @Test
    void closedBusRefusesToSend() {
        MessageBus bus = openServerBus();
        bus.close();

        assertThatThrownBy(() -> bus.cast(Target.topic(topic), Message.of("x")))
                .isInstanceOf(BusUnavailableException.class);
        assertThatThrownBy(() -> bus.subscribe(Target.topic(topic), message -> null))
                .isInstanceOf(BusUnavailableException.class);
    }
}
