package org.neutrino.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConntrackTest {
    private final RecordingExecutor executor = new RecordingExecutor();

    @Test
    void deletesBothDirectionsOrAWholeZoneAndNoMatchIsNoError() {
        executor.answer("conntrack -D", new CommandResult(1, "", "0 flow entries have been deleted."));
        Conntrack conntrack = new Conntrack(executor);
        conntrack.deleteEntriesOf("10.0.0.5", 0);
        conntrack.deleteEntriesOf("2001:db8::5", 7);
        conntrack.deleteZone(3);
        assertThat(executor.commandLines()).containsExactly(
                "conntrack -D -f ipv4 -s 10.0.0.5 -w 0", "conntrack -D -f ipv4 -d 10.0.0.5 -w 0",
                "conntrack -D -f ipv6 -s 2001:db8::5 -w 7", "conntrack -D -f ipv6 -d 2001:db8::5 -w 7",
                "conntrack -D -f ipv4 -w 3", "conntrack -D -f ipv6 -w 3");
    }

    @Test
    void aRealFailureIsAnError() {
        executor.answer("conntrack -D", new CommandResult(2, "", "conntrack v1.4.7: Operation failed"));
        assertThatThrownBy(() -> new Conntrack(executor).deleteEntriesOf("10.0.0.5", 1))
                .isInstanceOf(CommandFailedException.class);
    }
}
