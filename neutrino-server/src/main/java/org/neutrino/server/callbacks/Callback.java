package org.neutrino.server.callbacks;

/** Reacts to an event of a resource; see {@link Event} for what it may do in each phase. */
@FunctionalInterface
public interface Callback {
    void handle(ResourceEvent event);
}
