package org.neutrino.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What plugging needs to know of a port, read from the API's port document.
 *
 * @param hostId {@code binding:host_id}, empty when unbound
 */
public record PortFacts(String id, String networkId, String macAddress, List<FixedIp> fixedIps, String deviceId,
                        String deviceOwner, String hostId) {
    /** Port owners that a VM plug may take over; any other non-empty owner is a network service's port. */
    public static final String COMPUTE_OWNER_PREFIX = "compute:";

    public PortFacts {
        requireText(id, "id");
        requireText(networkId, "network_id");
        requireText(macAddress, "mac_address");
        fixedIps = List.copyOf(fixedIps);
        deviceId = deviceId == null ? "" : deviceId;
        deviceOwner = deviceOwner == null ? "" : deviceOwner;
        hostId = hostId == null ? "" : hostId;
    }

    /** Reads the {@code port} object of a {@code GET /v2.0/ports/{id}} answer. */
    public static PortFacts fromJson(JsonNode port) {
        List<FixedIp> ips = new ArrayList<>();
        for (JsonNode ip : port.path("fixed_ips")) {
            ips.add(new FixedIp(ip.path("subnet_id").asText(), ip.path("ip_address").asText()));
        }
        return new PortFacts(port.path("id").asText(null), port.path("network_id").asText(null),
                port.path("mac_address").asText(null), ips, port.path("device_id").asText(""),
                port.path("device_owner").asText(""), port.path("binding:host_id").asText(""));
    }

    /** Whether the port belongs to a VM (or to nobody yet), so that a VM plug may use it. */
    public boolean isComputePortOrFree() {
        return deviceOwner.isEmpty() || deviceOwner.startsWith(COMPUTE_OWNER_PREFIX);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("port without " + what);
        }
    }

    /** One of the port's addresses and the subnet it comes from. */
    public record FixedIp(String subnetId, String ipAddress) {
        public FixedIp {
            if (subnetId == null || subnetId.isBlank() || ipAddress == null || ipAddress.isBlank()) {
                throw new IllegalArgumentException("a fixed IP needs a subnet_id and an ip_address");
            }
        }
    }
}
