package org.neutrino.server.services.availabilityzones;

import static org.neutrino.lib.api.AttributeDef.of;

import java.util.List;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.api.Validator;

/** neutron-lib's {@code availability_zone} and {@code network_availability_zone} definitions, with Neutron's legacy policy. */
final class AvailabilityZoneExtensions {
    /** Neutron stores a network's hints as one string of at most 255 characters. */
    static final int HINTS_MAX = 255;

    private AvailabilityZoneExtensions() {
    }

    /** A list of unique strings that fits Neutron's column ({@code type:availability_zone_hint_list}). */
    static final Validator HINTS = value -> {
        if (!(value instanceof List<?> list)) {
            return "'" + value + "' is not a list";
        }
        if (list.stream().anyMatch(item -> !(item instanceof String))) {
            return "'" + value + "' is not a list of strings";
        }
        if (list.stream().distinct().count() != list.size()) {
            return "Duplicate items in the list: '" + value + "'";
        }
        return String.join(",", list.stream().map(String::valueOf).toList()).length() > HINTS_MAX
                ? "Too many availability_zone_hints specified" : null;
    };

    static List<ExtensionDescriptor> all() {
        return List.of(
            ExtensionDescriptor.builder("availability_zone")
                .describedAs("Availability Zone", "The availability zone extension.", "2015-01-01T10:00:00-00:00")
                .policy("get_availability_zone", "rule:regular_user")
                .requires("agent")
                .build(),
            ExtensionDescriptor.builder("network_availability_zone")
                .describedAs("Network Availability Zone", "Availability zone support for network.", "2015-01-01T10:00:00-00:00")
                .attributes("networks", of("availability_zones").build(),
                        of("availability_zone_hints").post().defaultValue(List.of()).validate(HINTS).build())
                .requires("availability_zone")
                .build());
    }
}
