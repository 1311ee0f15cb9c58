package org.neutrino.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConntrackTest {
    private final RecordingExecutor executor = new RecordingExecutor();

    @Test
    void deletesBothDirectionsAndNoMatchIsNoError() {
        executor.answer("conntrack -D", new CommandResult(1, "", "0 flow entries have been deleted."));
        Conntrack conntrack = new Conntrack(executor);
        conntrack.deleteEntriesOf("10.0.0.5");
        conntrack.deleteEntriesOf("2001:db8::5", 7);
        assertThat(executor.commandLines()).containsExactly(
                "conntrack -D -f ipv4 -s 10.0.0.5", "conntrack -D -f ipv4 -d 10.0.0.5",
                "conntrack -D -f ipv6 -s 2001:db8::5 -w 7", "conntrack -D -f ipv6 -d 2001:db8::5 -w 7");
    }

    @Test
    void aRealFailureIsAnError() {
        executor.answer("conntrack -D", new CommandResult(2, "", "conntrack v1.4.7: Operation failed"));
        assertThatThrownBy(() -> new Conntrack(executor).deleteEntriesOf("10.0.0.5"))
                .isInstanceOf(CommandFailedException.class);
    }
}
