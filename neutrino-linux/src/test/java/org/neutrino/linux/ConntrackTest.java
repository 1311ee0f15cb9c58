package org.neutrino.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neutrino.linux.Conntrack.ZonedAddress;

class ConntrackTest {
    private final RecordingExecutor executor = new RecordingExecutor();

    @Test
    void addressesBothWaysAndWholeZonesAreOneRun() {
        new Conntrack(executor).delete(List.of(new ZonedAddress("10.0.0.5", 0), new ZonedAddress("2001:db8::5", 7)),
                List.of(3), List.of());
        assertThat(executor.commandLines()).containsExactly("conntrack -R -");
        assertThat(executor.commands().getFirst().stdin()).hasValue("""
                -D -f ipv4 -s 10.0.0.5 -w 0
                -D -f ipv4 -d 10.0.0.5 -w 0
                -D -f ipv6 -s 2001:db8::5 -w 7
                -D -f ipv6 -d 2001:db8::5 -w 7
                -D -f ipv4 -w 3
                -D -f ipv6 -w 3
                """);
    }

    @Test
    void flowsAreLinesOfTheSameRunWithOnlyTheMatchesGiven() {
        new Conntrack(executor).delete(List.of(new ZonedAddress("10.0.0.5", 2)), List.of(), List.of(
                new Conntrack.Flows(2, IpVersion.V4, 17, "10.0.1.0/24", "10.0.0.5", 5000),
                new Conntrack.Flows(4, IpVersion.V6, null, "2001:db8::5", null, null)));
        assertThat(executor.commandLines()).containsExactly("conntrack -R -");
        assertThat(executor.commands().getFirst().stdin()).hasValue("""
                -D -f ipv4 -s 10.0.0.5 -w 2
                -D -f ipv4 -d 10.0.0.5 -w 2
                -D -f ipv4 -p 17 -s 10.0.1.0/24 -d 10.0.0.5 --dport 5000 -w 2
                -D -f ipv6 -s 2001:db8::5 -w 4
                """);
    }

    @Test
    void nothingToDeleteRunsNothing() {
        new Conntrack(executor).delete(List.of(), List.of(), List.of());
        assertThat(executor.commandLines()).isEmpty();
    }

    @Test
    void aRealFailureIsAnError() {
        executor.answer("conntrack -R", new CommandResult(2, "", "conntrack v1.4.7: Invalid IP address `10.0.0.300'"));
        assertThatThrownBy(() -> new Conntrack(executor).delete(List.of(new ZonedAddress("10.0.0.300", 1)), List.of(), List.of()))
                .isInstanceOf(CommandFailedException.class);
    }
}
