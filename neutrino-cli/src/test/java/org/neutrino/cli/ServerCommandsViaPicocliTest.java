package org.neutrino.cli;

/** The command lines of {@link ServerCommandsTest}, parsed by picocli instead of the fast path. */
class ServerCommandsViaPicocliTest extends ServerCommandsTest {
    @Override
    boolean viaPicocli() {
        return true;
    }
}
