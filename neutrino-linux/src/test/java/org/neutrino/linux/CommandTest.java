package org.neutrino.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandTest {
    @Test
    void inNamespacePrefixesNetnsExecAndKeepsTheRest() {
        Command command = Command.of("sysctl", "-w", "a=1").withStdin("x").allowingExitCodes(2).inNamespace("qrouter-1");
        assertThat(command.argv()).containsExactly("ip", "netns", "exec", "qrouter-1", "sysctl", "-w", "a=1");
        assertThat(command.stdin()).contains("x");
        assertThat(command.isOk(2)).isTrue();
        assertThat(command.isOk(0)).isTrue();
        assertThat(command.isOk(1)).isFalse();
    }

    @Test
    void emptyArgvIsRejected() {
        assertThatThrownBy(Command::of).isInstanceOf(IllegalArgumentException.class);
    }
}
