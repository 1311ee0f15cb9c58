package org.neutrino.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neutrino.rpc.inprocess.InProcessBus;

class MessageBusesTest {

    @Test
    void emptyOrInProcessUrlGivesAnInProcessBus() {
        for (String url : new String[] {null, "", "  ", "in-process:", "in-process://"}) {
            try (MessageBus bus = MessageBuses.fromTransportUrl(url)) {
                assertThat(bus).as("transport_url '%s'", url).isInstanceOf(InProcessBus.class);
            }
        }
    }

    @Test
    void unknownTransportIsRejectedWithTheChoices() {
        assertThatThrownBy(() -> MessageBuses.fromTransportUrl("kafka://u:secret@h:9092/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported transport")
                .hasMessageContaining("rabbit://")
                .hasMessageNotContaining("secret");
    }

    @Test
    void unreachableRabbitFailsWithBusUnavailable() {
        // port 1 on loopback: nothing listens there, the connection is refused at once
        assertThatThrownBy(() -> MessageBuses.fromTransportUrl("rabbit://guest:guest@127.0.0.1:1/"))
                .isInstanceOf(BusUnavailableException.class)
                .hasMessageContaining("cannot connect to RabbitMQ")
                .hasMessageNotContaining("guest:guest");
    }
}
