package org.neutrino.cli;

import java.util.List;
import java.util.OptionalInt;
import org.neutrino.lib.DeviceNames;
import org.neutrino.lib.net.MacAddress;

/**
 * What a VM interface looks like once plugged: the port's tap on the host, and its other end
 * {@code interfaceName} inside the VM namespace, with the port's MAC and the network's MTU.
 *
 * @param addresses static addresses for the VM end as CIDRs ({@code 10.0.0.5/24}); empty when the
 *                  VM is to use DHCP
 * @param gateways  default-route gateways (one per IP version at most), only with addresses
 */
public record VifSpec(String portId, String namespace, String interfaceName, String macAddress, OptionalInt mtu,
                      List<String> addresses, List<String> gateways) {
    /** The name of the VM end when none is asked for. */
    public static final String DEFAULT_INTERFACE = "eth0";

    public VifSpec {
        if (portId == null || portId.isBlank()) {
            throw new IllegalArgumentException("port id must not be blank");
        }
        if (namespace == null || namespace.isBlank() || namespace.contains("/")
                || namespace.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not a namespace name: '" + namespace + "'");
        }
        if (interfaceName == null || interfaceName.isBlank() || interfaceName.length() > DeviceNames.MAX_DEVICE_NAME_LENGTH
                || interfaceName.contains("/") || interfaceName.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not a device name: '" + interfaceName + "'");
        }
        String givenMac = macAddress;
        macAddress = MacAddress.normalize(givenMac)
                .orElseThrow(() -> new IllegalArgumentException("not a MAC address: " + givenMac));
        mtu.ifPresent(m -> {
            if (m < 68) {
                throw new IllegalArgumentException("MTU below 68: " + m);
            }
        });
        addresses = List.copyOf(addresses);
        gateways = List.copyOf(gateways);
        if (addresses.isEmpty() && !gateways.isEmpty()) {
            throw new IllegalArgumentException("gateways without static addresses");
        }
    }

    /** The port's device on the host: {@code tap} + 11 characters of the port id. */
    public String tapName() {
        return DeviceNames.tap(portId);
    }

    /** Whether addresses are configured on the VM end (else the VM asks DHCP). */
    public boolean isStatic() {
        return !addresses.isEmpty();
    }
}
