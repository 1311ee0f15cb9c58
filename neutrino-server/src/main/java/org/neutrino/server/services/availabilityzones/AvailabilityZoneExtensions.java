package org.neutrino.server.services.availabilityzones;

import static org.neutrino.lib.api.AttributeDef.of;

import java.util.List;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.api.Validators;

/** neutron-lib's {@code availability_zone} and {@code network_availability_zone} definitions, with Neutron's legacy policy. */
final class AvailabilityZoneExtensions {
    private AvailabilityZoneExtensions() {
    }

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
                        of("availability_zone_hints").post().defaultValue(List.of()).validate(Validators.AVAILABILITY_ZONE_HINTS).build())
                .requires("availability_zone")
                .build());
    }
}
