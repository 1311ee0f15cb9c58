package org.neutrino.agent.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentState;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.inprocess.InProcessBus;

class StateReporterTest {
    private static final Duration REPORT_INTERVAL = Duration.ofMinutes(10);

    private final InProcessBus bus = new InProcessBus();
    private final List<AgentState> received = new CopyOnWriteArrayList<>();
    private final StateReporter reporter = new StateReporter(new ServerRpc(bus, "host-a", Duration.ofSeconds(30)),
            "neutrino-test-agent", "N/A", AgentTopics.LINUXBRIDGE_AGENT_TYPE, Map::of);

    @AfterEach
    void tearDown() {
        reporter.close();
        bus.close();
    }

    @Test
    void anAgentStartedBeforeTheServerRegistersSoonAfterTheServerComesUp() {
        reporter.start(REPORT_INTERVAL);   // nobody serves q-plugin yet: the first report fails at once
        assertThat(received).isEmpty();

        bus.subscribe(Target.topic(AgentTopics.PLUGIN), message -> {
            received.add(AgentJson.read(message.args().path("agent_state"), AgentState.class));
            return null;
        });

        await().atMost(StateReporter.FIRST_REPORT_RETRY.multipliedBy(5)).until(() -> !received.isEmpty());
        assertThat(received.get(0).startFlag()).isTrue();
        assertThat(received.get(0).host()).isEqualTo("host-a");
    }

    @Test
    void aZonedAgentReportsItsZoneAndAnL2AgentNone() {
        bus.subscribe(Target.topic(AgentTopics.PLUGIN), message -> {
            received.add(AgentJson.read(message.args().path("agent_state"), AgentState.class));
            return null;
        });
        try (StateReporter zoned = new StateReporter(new ServerRpc(bus, "host-b", Duration.ofSeconds(30)),
                "neutrino-l3-agent", AgentTopics.L3_AGENT, AgentTopics.L3_AGENT_TYPE, Map::of, "az-east")) {
            zoned.start(REPORT_INTERVAL);
            reporter.start(REPORT_INTERVAL);
        }

        assertThat(received).extracting(AgentState::host, AgentState::availabilityZone)
                .containsExactly(tuple("host-b", "az-east"),
                        tuple("host-a", null));
    }

    @Test
    void onceRegisteredTheAgentReportsAtTheIntervalOnly() throws InterruptedException {
        bus.subscribe(Target.topic(AgentTopics.PLUGIN), message -> {
            received.add(AgentJson.read(message.args().path("agent_state"), AgentState.class));
            return null;
        });

        reporter.start(REPORT_INTERVAL);
        Thread.sleep(StateReporter.FIRST_REPORT_RETRY.multipliedBy(2).toMillis());

        assertThat(received).hasSize(1);
        assertThat(received.get(0).startFlag()).isTrue();
    }
}
