package org.neutrino.rpc.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.neutrino.rpc.BusUnavailableException;
import org.neutrino.rpc.Dispatch;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.MessageBusContractTest;
import org.neutrino.rpc.Subscription;
import org.neutrino.rpc.Target;

/** The contract on the in-process bus (server and agents share one instance), plus its own rules. */
class InProcessBusTest extends MessageBusContractTest {

    @Override
    protected MessageBus openServerBus() {
        return new InProcessBus();
    }

    @Override
    protected MessageBus openClientBus(MessageBus serverBus) {
        return serverBus;
    }

    @Test
    void castToATopicNobodyEverSubscribedIsDropped() throws InterruptedException {
        client.cast(Target.topic(topic), message("port_update", 1));

        Recorder late = new Recorder();
        server.subscribe(Target.topic(topic), late);
        client.cast(Target.topic(topic), message("port_update", 2));

        await().atMost(AWAIT).until(() -> !late.received.isEmpty());
        Thread.sleep(QUIET.toMillis());
        assertThat(late.seqs()).containsExactly(2);
    }

    @Test
    void castWhileTheQueueHasNoSubscriberWaitsForTheNextOne() {
        Subscription first = server.subscribe(Target.server(topic, "host-a"), new Recorder());
        first.close();

        client.cast(Target.server(topic, "host-a"), message("port_update", 1));
        client.cast(Target.server(topic, "host-a"), message("port_update", 2));
        Recorder restarted = new Recorder();
        server.subscribe(Target.server(topic, "host-a"), restarted, Dispatch.ORDERED);

        await().atMost(AWAIT).until(() -> restarted.received.size() == 2);
        assertThat(restarted.seqs()).containsExactly(1, 2);
    }

    @Test
    void closingTheBusFailsWaitingCalls() throws InterruptedException {
        CountDownLatch handling = new CountDownLatch(1);
        server.subscribe(Target.topic(topic), message -> {
            handling.countDown();
            Thread.sleep(10_000);
            return null;
        });
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                client.call(Target.topic(topic), Message.of("sync_routers"), Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        handling.await();

        server.close();

        caller.join(AWAIT.toMillis());
        assertThat(failure.get()).isInstanceOf(BusUnavailableException.class);
        assertThatThrownBy(() -> client.fanoutCast(topic, Message.of("x"))).isInstanceOf(BusUnavailableException.class);
    }
}
