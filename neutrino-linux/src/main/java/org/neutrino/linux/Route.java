package org.neutrino.linux;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A route of the main table. {@code destination} is a CIDR; the default route is written
 * {@code 0.0.0.0/0} or {@code ::/0}, a host route keeps the tool's form ({@code 10.0.0.5}).
 */
public record Route(String destination, Optional<String> gateway, Optional<String> device,
                    OptionalInt metric, Optional<String> scope) {
}
