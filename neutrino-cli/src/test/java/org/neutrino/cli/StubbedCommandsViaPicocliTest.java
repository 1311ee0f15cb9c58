package org.neutrino.cli;

import java.io.IOException;

/** The same command lines and requests as {@link StubbedCommandsTest}, parsed by picocli instead of the fast path. */
class StubbedCommandsViaPicocliTest extends StubbedCommandsTest {
    StubbedCommandsViaPicocliTest() throws IOException {
    }

    @Override
    boolean viaPicocli() {
        return true;
    }
}
