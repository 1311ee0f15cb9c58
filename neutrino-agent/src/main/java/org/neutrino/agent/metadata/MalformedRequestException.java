package org.neutrino.agent.metadata;

/** A request the metadata agent cannot read, answered with {@link #status()} and the message. */
final class MalformedRequestException extends Exception {
    private final int status;

    MalformedRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
