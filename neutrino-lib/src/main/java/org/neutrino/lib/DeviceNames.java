package org.neutrino.lib;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The only place where kernel device and namespace names are made, as Neutron's agents name
 * them: operators debug with these names, so they are part of the contract.
 *
 * <p>Device names are at most {@value #MAX_DEVICE_NAME_LENGTH} characters (the kernel's
 * {@code IFNAMSIZ - 1}); every function that returns a device name checks it.
 * Namespace names are not devices and carry the full id.
 */
public final class DeviceNames {
    /** The kernel's limit on a network device name. */
    public static final int MAX_DEVICE_NAME_LENGTH = 15;
    /** How many characters of a port or network id go into a device name. */
    public static final int ID_PREFIX_LENGTH = 11;
    /** Hex characters of the hash kept when a name must be shortened (as Neutron does). */
    static final int HASH_LENGTH = 6;

    private static final String TAP = "tap";
    private static final String BRIDGE = "brq";
    private static final String VXLAN = "vxlan-";
    private static final String ROUTER_INTERNAL = "qr-";
    private static final String ROUTER_GATEWAY = "qg-";
    private static final String DHCP_INTERFACE = "ns-";
    private static final String ROUTER_NAMESPACE = "qrouter-";
    private static final String DHCP_NAMESPACE = "qdhcp-";
    private static final int MAX_VNI = (1 << 24) - 1;
    private static final int MAX_VLAN_ID = 4094;

    private DeviceNames() {
    }

    /** The VM's tap device on the host: {@code tap} + the first 11 characters of the port id. */
    public static String tap(String portId) {
        return device(TAP, portId);
    }

    /** The Linux bridge of a network: {@code brq} + the first 11 characters of the network id. */
    public static String bridge(String networkId) {
        return device(BRIDGE, networkId);
    }

    /** The VXLAN device of a segment: {@code vxlan-<vni>}; {@code vni} is 1..16777215. */
    public static String vxlan(int vni) {
        if (vni < 1 || vni > MAX_VNI) {
            throw new IllegalArgumentException("VXLAN VNI out of range 1.." + MAX_VNI + ": " + vni);
        }
        return checked(VXLAN + vni);
    }

    /**
     * The VLAN sub-interface of a physical device: {@code <physdev>.<vid>}; when that is longer
     * than 15 characters the device part is cut and followed by 6 hex characters of its SHA-1,
     * so two long physical device names still give two names.
     */
    public static String vlanSubinterface(String physicalDevice, int vlanId) {
        requireNonBlank(physicalDevice, "physical device");
        if (vlanId < 1 || vlanId > MAX_VLAN_ID) {
            throw new IllegalArgumentException("VLAN id out of range 1.." + MAX_VLAN_ID + ": " + vlanId);
        }
        String suffix = "." + vlanId;
        String name = physicalDevice + suffix;
        if (name.length() <= MAX_DEVICE_NAME_LENGTH) {
            return name;
        }
        int keep = MAX_DEVICE_NAME_LENGTH - suffix.length() - HASH_LENGTH;
        return checked(physicalDevice.substring(0, keep) + sha1Hex(physicalDevice).substring(0, HASH_LENGTH) + suffix);
    }

    /** A router's interface on an internal subnet: {@code qr-} + 11 characters of the port id. */
    public static String routerInternal(String portId) {
        return device(ROUTER_INTERNAL, portId);
    }

    /** A router's gateway interface: {@code qg-} + 11 characters of the port id. */
    public static String routerGateway(String portId) {
        return device(ROUTER_GATEWAY, portId);
    }

    /**
     * The DHCP port's end inside the {@code qdhcp-} namespace: {@code ns-} + 11 characters of the
     * port id (its other end, on the bridge, is {@link #tap(String)}).
     */
    public static String dhcpInterface(String portId) {
        return device(DHCP_INTERFACE, portId);
    }

    /** A router's namespace: {@code qrouter-} + the full router id. */
    public static String routerNamespace(String routerId) {
        return ROUTER_NAMESPACE + requireNonBlank(routerId, "router id");
    }

    /** A network's DHCP namespace: {@code qdhcp-} + the full network id. */
    public static String dhcpNamespace(String networkId) {
        return DHCP_NAMESPACE + requireNonBlank(networkId, "network id");
    }

    /**
     * The port id prefix (11 characters) of a tap device name, or empty when {@code device} is
     * not a name made by {@link #tap(String)}.
     */
    public static Optional<String> portIdPrefixOfTap(String device) {
        if (device == null || !device.startsWith(TAP) || device.length() != TAP.length() + ID_PREFIX_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(device.substring(TAP.length()));
    }

    /** The network id of a {@code qdhcp-} namespace name, or empty for any other name. */
    public static Optional<String> networkIdOfDhcpNamespace(String namespace) {
        return idAfter(DHCP_NAMESPACE, namespace);
    }

    /** The router id of a {@code qrouter-} namespace name, or empty for any other name. */
    public static Optional<String> routerIdOfRouterNamespace(String namespace) {
        return idAfter(ROUTER_NAMESPACE, namespace);
    }

    private static Optional<String> idAfter(String prefix, String name) {
        if (name == null || !name.startsWith(prefix) || name.length() == prefix.length()) {
            return Optional.empty();
        }
        return Optional.of(name.substring(prefix.length()));
    }

    private static String device(String prefix, String id) {
        requireNonBlank(id, "id");
        return checked(prefix + id.substring(0, Math.min(ID_PREFIX_LENGTH, id.length())));
    }

    private static String checked(String name) {
        if (name.length() > MAX_DEVICE_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "device name longer than " + MAX_DEVICE_NAME_LENGTH + " characters: " + name);
        }
        if (name.chars().anyMatch(c -> c == '/' || Character.isWhitespace(c) || c == ':')) {
            throw new IllegalArgumentException("device name contains '/', ':' or whitespace: " + name);
        }
        return name;
    }

    private static String requireNonBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    private static String sha1Hex(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }
}
