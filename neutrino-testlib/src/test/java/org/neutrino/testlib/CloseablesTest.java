package org.neutrino.testlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloseablesTest {
    private final List<String> closed = new ArrayList<>();

    private AutoCloseable named(String name) {
        return () -> closed.add(name);
    }

    private AutoCloseable failing(String name, Exception failure) {
        return () -> {
            closed.add(name);
            throw failure;
        };
    }

    @Test
    void closesInOrderAndSkipsNulls() {
        Closeables.closeAll(named("agent"), null, named("bus"), named("host"));

        assertThat(closed).containsExactly("agent", "bus", "host");
    }

    @Test
    void aFailureDoesNotKeepTheLaterOnesOpenAndIsThrownFirstWithTheOthersSuppressed() {
        IllegalStateException first = new IllegalStateException("agent");
        IllegalArgumentException second = new IllegalArgumentException("server");

        assertThatThrownBy(() -> Closeables.closeAll(failing("agent", first), failing("server", second), named("host")))
                .isSameAs(first);
        assertThat(first.getSuppressed()).containsExactly(second);
        assertThat(closed).containsExactly("agent", "server", "host");
    }

    @Test
    void aCheckedFailureIsWrapped() {
        IOException failure = new IOException("bus");

        assertThatThrownBy(() -> Closeables.closeAll(failing("bus", failure), named("host")))
                .isInstanceOf(IllegalStateException.class).hasCause(failure);
        assertThat(closed).containsExactly("bus", "host");
    }
}
