package org.neutrino.rpc.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the L3 agent needs to make one router ({@code sync_routers}): the router with its
 * gateway port, interfaces, floating IPs and extra routes, in one answer.
 *
 * @param id           the router id
 * @param name         its name (for logs and traces)
 * @param adminStateUp whether the router should forward
 * @param enableSnat   whether internal subnets are SNATed to the gateway address
 * @param gwPort       the gateway port on the external network, or {@code null} without a gateway
 * @param interfaces   the internal interfaces, one port per attached network
 * @param floatingIps  the associated floating IPs behind this router
 * @param routes       the extra routes
 * @param portForwardings the port forwardings of floating IPs behind this router (floating IPs without a fixed port)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouterInfo(String id,
                         String name,
                         @JsonProperty("admin_state_up") boolean adminStateUp,
                         @JsonProperty("enable_snat") boolean enableSnat,
                         @JsonProperty("gw_port") Port gwPort,
                         @JsonProperty("_interfaces") List<Port> interfaces,
                         @JsonProperty("_floatingips") List<FloatingIp> floatingIps,
                         List<Route> routes,
                         @JsonProperty("_port_forwardings") List<PortForwarding> portForwardings) {

    /** A router without port forwardings. */
    public RouterInfo(String id, String name, boolean adminStateUp, boolean enableSnat, Port gwPort, List<Port> interfaces,
                      List<FloatingIp> floatingIps, List<Route> routes) {
        this(id, name, adminStateUp, enableSnat, gwPort, interfaces, floatingIps, routes, List.of());
    }

    /**
     * A router port: the agent makes a veth pair whose router end ({@code qr-<port11>} or
     * {@code qg-<port11>}) sits in {@code qrouter-<id>} and whose host end {@code tap<port11>}
     * the L2 agent plugs like any port bound to this host.
     */
    public record Port(String id,
                       @JsonProperty("network_id") String networkId,
                       @JsonProperty("mac_address") String macAddress,
                       int mtu,
                       @JsonProperty("fixed_ips") List<Address> fixedIps) {
    }

    /**
     * One address of a router port with what the agent needs of its subnet.
     *
     * @param cidr      the subnet's CIDR (the address is configured with its prefix length)
     * @param gatewayIp the subnet's gateway (for the gateway port: the default route's next hop)
     */
    public record Address(@JsonProperty("subnet_id") String subnetId,
                          @JsonProperty("ip_address") String ipAddress,
                          String cidr,
                          @JsonProperty("gateway_ip") String gatewayIp,
                          @JsonProperty("ip_version") int ipVersion,
                          @JsonProperty("ipv6_ra_mode") String ipv6RaMode) {
    }

    /** A floating IP: DNAT floating → fixed, SNAT fixed → floating, the address on {@code qg-}. */
    public record FloatingIp(String id,
                             @JsonProperty("floating_ip_address") String floatingIpAddress,
                             @JsonProperty("fixed_ip_address") String fixedIpAddress,
                             @JsonProperty("port_id") String portId) {
    }

    /**
     * A port forwarding: the floating address's {@code protocol} port {@code externalPort}, DNATed to
     * {@code internalIpAddress:internalPort}; the floating address sits on {@code qg-}.
     */
    public record PortForwarding(String id,
                                 @JsonProperty("floatingip_id") String floatingIpId,
                                 @JsonProperty("floating_ip_address") String floatingIpAddress,
                                 String protocol,
                                 @JsonProperty("external_port") int externalPort,
                                 @JsonProperty("internal_ip_address") String internalIpAddress,
                                 @JsonProperty("internal_port") int internalPort) {
    }

    /** An extra route of the router. */
    public record Route(String destination, String nexthop) {
    }
}
