package org.neutrino.linux;

/** A device appeared in, or disappeared from, the namespace a {@link LinkMonitor} follows. */
public record LinkEvent(Type type, String name, int ifindex) {
    /** What happened to the device. */
    public enum Type { ADDED, REMOVED }

    public LinkEvent {
        if (type == null || name == null || name.isBlank()) {
            throw new IllegalArgumentException("a link event needs a type and a name");
        }
    }
}
