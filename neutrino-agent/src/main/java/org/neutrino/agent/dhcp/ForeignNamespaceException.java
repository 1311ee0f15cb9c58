package org.neutrino.agent.dhcp;

/**
 * A network's {@code qdhcp-} namespace exists but this agent did not make it (another agent's
 * on the same machine, or left by a run with another state directory): the agent leaves it
 * alone and serves nothing for that network until it is gone.
 */
public final class ForeignNamespaceException extends IllegalStateException {
    public ForeignNamespaceException(String namespace) {
        super("namespace " + namespace + " exists but was not made by this agent: not touching it");
    }
}
