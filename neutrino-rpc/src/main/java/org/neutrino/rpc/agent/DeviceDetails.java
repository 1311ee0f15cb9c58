package org.neutrino.rpc.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the L2 agent needs to wire one device ({@code get_devices_details_list}). A device the
 * server does not know, or one bound to another host, has only {@link #device} set.
 *
 * @param device          the tap name asked about
 * @param portId          the port id
 * @param networkId       the network
 * @param macAddress      the port's MAC
 * @param adminStateUp    whether the port should pass traffic
 * @param networkType     the segment's type: local, flat, vlan, vxlan
 * @param physicalNetwork the physnet for flat/vlan, else {@code null}
 * @param segmentationId  VLAN id or VNI, else {@code null}
 * @param mtu             the network MTU
 * @param fixedIps        the port's addresses
 * @param deviceOwner     e.g. {@code compute:nova}, {@code network:dhcp}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceDetails(String device,
                            @JsonProperty("port_id") String portId,
                            @JsonProperty("network_id") String networkId,
                            @JsonProperty("mac_address") String macAddress,
                            @JsonProperty("admin_state_up") Boolean adminStateUp,
                            @JsonProperty("network_type") String networkType,
                            @JsonProperty("physical_network") String physicalNetwork,
                            @JsonProperty("segmentation_id") Integer segmentationId,
                            Integer mtu,
                            @JsonProperty("fixed_ips") List<FixedIp> fixedIps,
                            @JsonProperty("device_owner") String deviceOwner) {

    /** The answer for a device the server does not know (or does not bind here). */
    public static DeviceDetails unknown(String device) {
        return new DeviceDetails(device, null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether the server knows this device as a port bound to the asking host. */
    public boolean known() {
        return portId != null;
    }

    /** One address of a port. */
    public record FixedIp(@JsonProperty("subnet_id") String subnetId, @JsonProperty("ip_address") String ipAddress) {
    }
}
