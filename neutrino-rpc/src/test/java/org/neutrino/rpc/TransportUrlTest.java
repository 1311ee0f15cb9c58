package org.neutrino.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportUrlTest {

    @Test
    void parsesOneBrokerWithCredentialsPortAndVirtualHost() {
        TransportUrl url = TransportUrl.parse("rabbit://neutron:s3cret@controller:5672/openstack");

        assertThat(url.transport()).isEqualTo("rabbit");
        assertThat(url.hosts()).containsExactly(new TransportUrl.Host("neutron", "s3cret", "controller", 5672));
        assertThat(url.virtualHost()).isEqualTo("openstack");
        assertThat(url.options()).isEmpty();
    }

    @Test
    void parsesSeveralBrokersAndOptions() {
        TransportUrl url = TransportUrl.parse("rabbit://a:pa@h1:5672,b:pb@h2/?ssl=1&heartbeat");

        assertThat(url.hosts()).containsExactly(
                new TransportUrl.Host("a", "pa", "h1", 5672),
                new TransportUrl.Host("b", "pb", "h2", -1));
        assertThat(url.hosts().get(1).portOr(5672)).isEqualTo(5672);
        assertThat(url.virtualHost()).isEmpty();
        assertThat(url.options()).isEqualTo(Map.of("ssl", "1", "heartbeat", ""));
    }

    @Test
    void decodesPercentEscapesInUserPasswordAndVirtualHost() {
        TransportUrl url = TransportUrl.parse("rabbit://us%40er:p%3Aa%2Fs+s@[::1]:5682/%2F");

        assertThat(url.hosts()).containsExactly(new TransportUrl.Host("us@er", "p:a/s+s", "::1", 5682));
        assertThat(url.virtualHost()).isEqualTo("/");
    }

    @Test
    void acceptsAHostWithoutCredentialsOrPath() {
        TransportUrl url = TransportUrl.parse("rabbit://localhost");

        assertThat(url.hosts()).containsExactly(new TransportUrl.Host(null, null, "localhost", -1));
        assertThat(url.virtualHost()).isEmpty();
    }

    @Test
    void parsesTheInProcessUrl() {
        TransportUrl url = TransportUrl.parse("in-process:");

        assertThat(url.transport()).isEqualTo("in-process");
        assertThat(url.hosts()).isEqualTo(List.of());
    }

    @Test
    void rejectsMalformedUrlsWithoutShowingThePassword() {
        assertThatThrownBy(() -> TransportUrl.parse("controller:5672"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransportUrl.parse("rabbit://u:topsecret@host:notaport/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port is not a number")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> TransportUrl.parse("rabbit://u:p@:5672/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty host name");
        assertThatThrownBy(() -> TransportUrl.parse("rabbit://h:70000/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port out of range");
    }

    @Test
    void redactsPasswordsOfEveryHost() {
        assertThat(TransportUrl.redacted("rabbit://a:pa@h1:5672,b:pb@h2/vh"))
                .isEqualTo("rabbit://a:***@h1:5672,b:***@h2/vh");
    }
}
