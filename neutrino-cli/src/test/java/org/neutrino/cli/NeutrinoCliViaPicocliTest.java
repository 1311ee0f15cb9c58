package org.neutrino.cli;

import java.io.IOException;

/** The command lines of {@link NeutrinoCliTest} ({@code vif plug/unplug}, ...), parsed by picocli instead of the fast path. */
class NeutrinoCliViaPicocliTest extends NeutrinoCliTest {
    NeutrinoCliViaPicocliTest() throws IOException {
    }

    @Override
    boolean viaPicocli() {
        return true;
    }
}
