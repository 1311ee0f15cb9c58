package org.neutrino.cli;

/** The command lines of {@link SecurityGroupCommandsTest}, parsed by picocli instead of the fast path. */
class SecurityGroupCommandsViaPicocliTest extends SecurityGroupCommandsTest {
    @Override
    boolean viaPicocli() {
        return true;
    }
}
