package org.neutrino.testlib;

/** Closing what a test opened. */
public final class Closeables {
    private Closeables() {
    }

    /**
     * Closes each of {@code resources} that is not null, in the order given, the later ones also
     * when an earlier one fails; then throws the first failure (a checked one wrapped in an
     * {@link IllegalStateException}) with the later ones suppressed.
     */
    public static void closeAll(AutoCloseable... resources) {
        Exception first = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (first != null) {
            throw new IllegalStateException("closing failed", first);
        }
    }
}
