package org.neutrino.rpc.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the DHCP agent needs to serve one network ({@code get_network_info}).
 *
 * @param id           the network id
 * @param adminStateUp the network's admin state
 * @param mtu          its MTU (DHCP option 26)
 * @param subnets      all its subnets (the agent serves those with {@code enableDhcp})
 * @param ports        all its ports (static host entries)
 */
public record DhcpNetwork(String id,
                          @JsonProperty("admin_state_up") boolean adminStateUp,
                          int mtu,
                          List<Subnet> subnets,
                          List<Port> ports) {

    /** A subnet as DHCP sees it. */
    public record Subnet(String id, String cidr,
                         @JsonProperty("ip_version") int ipVersion,
                         @JsonProperty("gateway_ip") String gatewayIp,
                         @JsonProperty("enable_dhcp") boolean enableDhcp,
                         @JsonProperty("dns_nameservers") List<String> dnsNameservers,
                         @JsonProperty("host_routes") List<HostRoute> hostRoutes,
                         @JsonProperty("ipv6_address_mode") String ipv6AddressMode) {
    }

    /** A host route of a subnet. */
    public record HostRoute(String destination, String nexthop) {
    }

    /** A port as DHCP sees it. */
    public record Port(String id,
                       @JsonProperty("mac_address") String macAddress,
                       @JsonProperty("fixed_ips") List<DeviceDetails.FixedIp> fixedIps,
                       @JsonProperty("device_owner") String deviceOwner,
                       @JsonProperty("device_id") String deviceId) {
    }
}
