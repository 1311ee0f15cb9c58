package org.neutrino.cli;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The {@code device_id} a port gets when plugged into a VM namespace that is not a Nova
 * instance: a name-based UUID of the namespace name, the same on every run and every machine,
 * so that {@code vif unplug --delete-netns} finds the namespace of a port again.
 */
public final class NamespaceDeviceId {
    private static final String SEED = "neutrino-vm-netns:";

    private NamespaceDeviceId() {
    }

    /** The device id of namespace {@code namespace}. */
    public static String of(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("namespace must not be blank");
        }
        return UUID.nameUUIDFromBytes((SEED + namespace).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
