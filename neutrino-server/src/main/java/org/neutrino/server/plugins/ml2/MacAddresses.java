package org.neutrino.server.plugins.ml2;

import java.util.random.RandomGenerator;
import org.jdbi.v3.core.Handle;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.lib.net.MacAddress;

/** MAC addresses of new ports: random within {@code [DEFAULT] base_mac}, unique on their network. */
final class MacAddresses {
    private static final int ATTEMPTS = 16;

    private final String baseMac;
    private final RandomGenerator random = RandomGenerator.of("L64X128MixRandom");

    MacAddresses(String baseMac) {
        this.baseMac = baseMac;
    }

    /** A random MAC from {@code base_mac} not used on the network. */
    String generate(Handle h, String networkId) {
        for (int i = 0; i < ATTEMPTS; i++) {
            String mac = MacAddress.random(baseMac, random);
            if (!isUsed(h, networkId, mac)) {
                return mac;
            }
        }
        throw NeutronException.serviceUnavailable("MacAddressGenerationFailure",
                "Unable to generate unique mac on network " + networkId + ".");
    }

    /** 409 {@code MacAddressInUse} when a port of the network has {@code mac}. */
    static void checkFree(Handle h, String networkId, String mac) {
        if (isUsed(h, networkId, mac)) {
            throw NeutronException.conflict("MacAddressInUse", "Unable to complete operation for network " + networkId
                    + ". The mac address " + mac + " is in use.");
        }
    }

    private static boolean isUsed(Handle h, String networkId, String mac) {
        return h.createQuery("SELECT COUNT(*) FROM ports WHERE network_id = :n AND mac_address = :m")
                .bind("n", networkId).bind("m", mac).mapTo(Integer.class).one() > 0;
    }
}
