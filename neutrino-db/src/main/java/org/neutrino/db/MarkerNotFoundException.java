package org.neutrino.db;

/**
 * The {@code marker} of a list is not a row the caller may see (whether it does not exist or
 * belongs to someone else is not told). The API answers it as the resource's not-found error.
 */
public final class MarkerNotFoundException extends RuntimeException {
    private final String marker;

    public MarkerNotFoundException(String marker) {
        super("Marker " + marker + " not found");
        this.marker = marker;
    }

    public String marker() {
        return marker;
    }
}
