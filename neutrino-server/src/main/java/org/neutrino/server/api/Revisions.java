package org.neutrino.server.api;

import org.neutrino.lib.exceptions.NeutronException;

/** The {@code revision-if-match} check. */
public final class Revisions {
    private Revisions() {
    }

    /** 412 {@code RevisionNumberConstraintFailed} when the current revision is not the expected one. */
    public static void check(Long expected, long current) {
        if (expected != null && expected != current) {
            throw new NeutronException(412, "RevisionNumberConstraintFailed",
                    "Constrained to " + expected + ", but current revision is " + current);
        }
    }
}
