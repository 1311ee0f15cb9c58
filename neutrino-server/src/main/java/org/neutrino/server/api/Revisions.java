package org.neutrino.server.api;

import java.util.Map;
import org.neutrino.lib.exceptions.NeutronException;

/** The {@code revision-if-match} check. */
public final class Revisions {
    private Revisions() {
    }

    /** {@link #check(Long, long)} against the {@code revision_number} of a resource as the API shows it. */
    public static void check(Long expected, Map<String, Object> resource) {
        check(expected, ((Number) resource.get("revision_number")).longValue());
    }

    /** 412 {@code RevisionNumberConstraintFailed} when the current revision is not the expected one. */
    public static void check(Long expected, long current) {
        if (expected != null && expected != current) {
            throw new NeutronException(412, "RevisionNumberConstraintFailed",
                    "Constrained to " + expected + ", but current revision is " + current);
        }
    }
}
