package org.neutrino.cli;

/** The command lines of {@link RouterCommandsTest}, parsed by picocli instead of the fast path. */
class RouterCommandsViaPicocliTest extends RouterCommandsTest {
    @Override
    boolean viaPicocli() {
        return true;
    }
}
