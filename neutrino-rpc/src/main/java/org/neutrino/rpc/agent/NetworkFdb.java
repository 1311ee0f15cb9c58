package org.neutrino.rpc.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * l2population for one network ({@code get_network_fdb}): for each remote VTEP (tunnel IP of
 * another host with ACTIVE ports on the network), the MACs and IPs behind it. The agent
 * programs a flooding entry ({@code 00:00:00:00:00:00 dst vtep}) per VTEP, a unicast FDB entry
 * per MAC, and may answer ARP from the IPs.
 *
 * @param networkType    vxlan (others need no FDB)
 * @param segmentationId the VNI
 * @param vteps          tunnel IP → entries behind it
 */
public record NetworkFdb(@JsonProperty("network_type") String networkType,
                         @JsonProperty("segmentation_id") Integer segmentationId,
                         Map<String, List<Entry>> vteps) {

    /** A port behind a VTEP. */
    public record Entry(@JsonProperty("mac_address") String macAddress, @JsonProperty("ip_address") String ipAddress) {
    }
}
