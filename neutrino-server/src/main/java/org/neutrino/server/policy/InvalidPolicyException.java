package org.neutrino.server.policy;

/**
 * A policy that cannot be loaded: an operator file that is not flat YAML or JSON, a rule that
 * does not parse (the message names the rule and the file), or rules that refer to each other
 * in a cycle. Raised at start-up, so the server refuses to run with a policy it cannot apply.
 */
public class InvalidPolicyException extends RuntimeException {
    public InvalidPolicyException(String message) {
        super(message);
    }

    public InvalidPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
