package org.neutrino.rpc.rabbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.util.List;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.neutrino.rpc.BusUnavailableException;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.MessageBusContractTest;
import org.neutrino.rpc.MessageBuses;
import org.neutrino.rpc.RpcException;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.TransportUrl;

/**
 * The contract over a real RabbitMQ broker, plus reconnection after the broker goes away.
 * Needs {@code NEUTRINO_TEST_RABBIT_URL} (from {@code eval "$(scripts/lib/rabbitmq.sh start DIR)"});
 * the broker restart tests also need {@code NEUTRINO_TEST_RABBIT_CTL} and
 * {@code NEUTRINO_TEST_RABBIT_DIR}.
 */
@Tag("rabbitmq")
class RabbitBusTest extends MessageBusContractTest {
    private static final String URL = System.getenv("NEUTRINO_TEST_RABBIT_URL");
    private static final String CTL = System.getenv("NEUTRINO_TEST_RABBIT_CTL");
    private static final String DIR = System.getenv("NEUTRINO_TEST_RABBIT_DIR");
    private static final Duration BROKER_RECOVERY = Duration.ofSeconds(60);

    private static RabbitBus open(String name) {
        Assumptions.assumeTrue(URL != null && !URL.isBlank(),
                "NEUTRINO_TEST_RABBIT_URL is not set: start a test broker with "
                        + "eval \"$(scripts/lib/rabbitmq.sh start DIR)\" to run the RabbitMQ tests");
        return RabbitBus.connect(TransportUrl.parse(URL), RabbitBus.Options.defaults()
                .withControlExchange("neutrino-test")
                .withUnavailableWait(Duration.ofSeconds(1))
                .withConnectionName(name));
    }

    @Override
    protected MessageBus openServerBus() {
        return open("neutrino-test-server");
    }

    @Override
    protected MessageBus openClientBus(MessageBus serverBus) {
        return open("neutrino-test-client");
    }

    @Test
    void transportUrlChoosesRabbit() {
        try (MessageBus bus = MessageBuses.fromTransportUrl(URL)) {
            assertThat(bus).isInstanceOf(RabbitBus.class);
        }
    }

    @Test
    void wrongPasswordFailsClearly() {
        TransportUrl url = TransportUrl.parse(URL);
        TransportUrl.Host host = url.hosts().getFirst();
        String wrong = "rabbit://" + host.username() + ":wrong-password@" + host.hostname() + ":"
                + host.portOr(5672) + "/";

        assertThatThrownBy(() -> RabbitBus.fromTransportUrl(wrong))
                .isInstanceOf(BusUnavailableException.class)
                .hasMessageContaining("cannot connect to RabbitMQ")
                .hasMessageNotContaining("wrong-password");
    }

    @Test
    void brokerRefusalFailsAtOnceAndTheBusKeepsWorking() throws Exception {
        String exchange = "neutrino-test-durable-" + topic;
        try (Connection raw = rawConnection(); Channel channel = raw.createChannel()) {
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
            try (RabbitBus mismatched = RabbitBus.connect(TransportUrl.parse(URL), RabbitBus.Options.defaults()
                    .withControlExchange(exchange).withUnavailableWait(Duration.ofSeconds(30)))) {
                Recorder recorder = new Recorder();
                server.subscribe(Target.topic(topic), recorder);
                long started = System.nanoTime();

                assertThatThrownBy(() -> mismatched.cast(Target.topic(topic), Message.of("x")))
                        .isInstanceOf(RpcException.class)
                        .isNotInstanceOf(BusUnavailableException.class)
                        .hasMessageContaining("refused")
                        .hasMessageContaining("PRECONDITION_FAILED");
                assertThatThrownBy(() -> mismatched.subscribe(Target.topic(topic), message -> null))
                        .isInstanceOf(RpcException.class)
                        .hasMessageContaining("refused");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));

                mismatched.fanoutCast(topic, message("after-refusal", 4));
                await().atMost(AWAIT).until(() -> recorder.seqs().equals(List.of(4)));
            } finally {
                channel.exchangeDelete(exchange);
            }
        }
    }

    private static Connection rawConnection() throws Exception {
        TransportUrl.Host host = TransportUrl.parse(URL).hosts().getFirst();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host.hostname());
        factory.setPort(host.portOr(5672));
        factory.setUsername(host.username());
        factory.setPassword(host.password());
        return factory.newConnection();
    }

    @Test
    void subscriptionsAndCallsComeBackAfterABrokerRestart() {
        needsControlScript();
        Recorder recorder = new Recorder();
        server.subscribe(Target.server(topic, "host-a"), recorder);
        server.subscribe(Target.topic(topic + "-rpc"), message -> message.args().get("seq"));
        client.fanoutCast(topic, message("before", 0));
        await().atMost(AWAIT).until(() -> recorder.received.size() == 1);

        control("restart");

        await().atMost(BROKER_RECOVERY).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(RpcException.class)
                .until(() -> client.call(Target.topic(topic + "-rpc"), message("after", 5), Duration.ofSeconds(2))
                        .asInt() == 5);
        await().atMost(BROKER_RECOVERY).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(RpcException.class)
                .until(() -> {
                    client.cast(Target.server(topic, "host-a"), message("after", 1));
                    client.fanoutCast(topic, message("after", 2));
                    return recorder.seqs().contains(1) && recorder.seqs().contains(2);
                });
    }

    @Test
    void sendsFailFastWhileTheBrokerIsDownAndWorkWhenItIsBack() {
        needsControlScript();
        Recorder recorder = new Recorder();
        server.subscribe(Target.topic(topic), recorder);

        control("stop");
        try {
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.cast(Target.topic(topic), message("during", 1)))
                    .isInstanceOf(BusUnavailableException.class)
                    .hasMessageContaining("unreachable");
            assertThatThrownBy(() -> client.call(Target.topic(topic), message("during", 2), Duration.ofSeconds(30)))
                    .isInstanceOf(BusUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        } finally {
            control("start");
        }

        await().atMost(BROKER_RECOVERY).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(RpcException.class)
                .until(() -> {
                    client.cast(Target.topic(topic), message("after", 3));
                    return recorder.seqs().contains(3);
                });
        assertThat(recorder.seqs()).doesNotContain(1, 2);
    }

    private static void needsControlScript() {
        Assumptions.assumeTrue(CTL != null && !CTL.isBlank() && DIR != null && !DIR.isBlank(),
                "NEUTRINO_TEST_RABBIT_CTL and NEUTRINO_TEST_RABBIT_DIR are not set: the broker restart tests "
                        + "need the broker started by scripts/lib/rabbitmq.sh");
    }

    /** Runs {@code $NEUTRINO_TEST_RABBIT_CTL <command> $NEUTRINO_TEST_RABBIT_DIR} and checks it succeeded. */
    private static void control(String command) {
        try {
            Path output = Files.createTempFile("rabbitmq-ctl-", ".log");
            try {
                Process process = new ProcessBuilder("bash", CTL, command, DIR)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
                if (!process.waitFor(150, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(CTL + " " + command + " did not finish within 150 s");
                }
                assertThat(process.exitValue()).as("%s %s exit code; output:%n%s", CTL, command,
                        Files.readString(output)).isZero();
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + CTL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + CTL, e);
        }
    }
}
