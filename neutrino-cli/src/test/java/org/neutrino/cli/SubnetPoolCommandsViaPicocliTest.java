package org.neutrino.cli;

/** The command lines of {@link SubnetPoolCommandsTest}, parsed by picocli instead of the fast path. */
class SubnetPoolCommandsViaPicocliTest extends SubnetPoolCommandsTest {
    @Override
    boolean viaPicocli() {
        return true;
    }
}
