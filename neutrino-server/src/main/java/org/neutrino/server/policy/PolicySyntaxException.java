package org.neutrino.server.policy;

/** A policy expression that is not valid in the oslo.policy rule language. */
public class PolicySyntaxException extends IllegalArgumentException {
    public PolicySyntaxException(String message) {
        super(message);
    }
}
