package org.neutrino.fullstack;

import java.util.Optional;

/** Something a fullstack test class needs from the machine; see {@link Prerequisites} for the ones there are. */
@FunctionalInterface
interface Prerequisite {
    /** Why the machine does not meet it (the skip message), or empty when it does. */
    Optional<String> missing();
}
