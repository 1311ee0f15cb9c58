package org.neutrino.cli;

/** The command lines of {@link AgentExtensionQuotaCommandsTest}, parsed by picocli instead of the fast path. */
class AgentExtensionQuotaCommandsViaPicocliTest extends AgentExtensionQuotaCommandsTest {
    @Override
    boolean viaPicocli() {
        return true;
    }
}
