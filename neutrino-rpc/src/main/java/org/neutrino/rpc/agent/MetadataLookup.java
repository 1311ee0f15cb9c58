package org.neutrino.rpc.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The metadata agent's question to the server ({@link AgentTopics#GET_METADATA_INSTANCE}): which
 * port holds {@code ipAddress} on the networks behind router {@code routerId} (those with an
 * interface of that router), or on network {@code networkId}. Exactly one of the two is given; the
 * answer is an {@link Instance}, or {@code null} when no port, or more than one, matches.
 *
 * @param routerId  the router whose metadata proxy received the request ({@code X-Neutron-Router-ID})
 * @param networkId the network whose metadata proxy received it ({@code X-Neutron-Network-ID})
 * @param ipAddress the instance's address ({@code X-Forwarded-For})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetadataLookup(@JsonProperty("router_id") String routerId,
                             @JsonProperty("network_id") String networkId,
                             @JsonProperty("ip_address") String ipAddress) {

    /** The lookup through router {@code routerId}. */
    public static MetadataLookup viaRouter(String routerId, String ipAddress) {
        return new MetadataLookup(routerId, null, ipAddress);
    }

    /** The lookup on network {@code networkId}. */
    public static MetadataLookup onNetwork(String networkId, String ipAddress) {
        return new MetadataLookup(null, networkId, ipAddress);
    }

    /**
     * The port that holds the address: what Nova's metadata API is told about the instance.
     *
     * @param portId    the port
     * @param deviceId  its {@code device_id}: the instance ({@code X-Instance-ID})
     * @param projectId its {@code project_id} ({@code X-Tenant-ID})
     * @param networkId its network
     */
    public record Instance(@JsonProperty("port_id") String portId,
                           @JsonProperty("device_id") String deviceId,
                           @JsonProperty("project_id") String projectId,
                           @JsonProperty("network_id") String networkId) {
    }
}
