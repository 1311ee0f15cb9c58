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

    /**
     * A subnet as DHCP sees it. {@code ipv6_ra_mode} is {@code null} when the server sends none
     * (servers before it was added), as when the subnet has none.
     */
    public record Subnet(String id, String cidr,
                         @JsonProperty("ip_version") int ipVersion,
                         @JsonProperty("gateway_ip") String gatewayIp,
                         @JsonProperty("enable_dhcp") boolean enableDhcp,
                         @JsonProperty("dns_nameservers") List<String> dnsNameservers,
                         @JsonProperty("host_routes") List<HostRoute> hostRoutes,
                         @JsonProperty("ipv6_address_mode") String ipv6AddressMode,
                         @JsonProperty("ipv6_ra_mode") String ipv6RaMode) {

        /** A subnet without router advertisement mode. */
        public Subnet(String id, String cidr, int ipVersion, String gatewayIp, boolean enableDhcp, List<String> dnsNameservers,
                      List<HostRoute> hostRoutes, String ipv6AddressMode) {
            this(id, cidr, ipVersion, gatewayIp, enableDhcp, dnsNameservers, hostRoutes, ipv6AddressMode, null);
        }
    }

    /** A host route of a subnet. */
    public record HostRoute(String destination, String nexthop) {
    }

    /**
     * A port as DHCP sees it. {@code extra_dhcp_opts} (the port's {@code extra_dhcp_opt}
     * options) is empty when the server sends none (servers before it was added).
     */
    public record Port(String id,
                       @JsonProperty("mac_address") String macAddress,
                       @JsonProperty("fixed_ips") List<DeviceDetails.FixedIp> fixedIps,
                       @JsonProperty("device_owner") String deviceOwner,
                       @JsonProperty("device_id") String deviceId,
                       @JsonProperty("extra_dhcp_opts") List<ExtraDhcpOpt> extraDhcpOpts) {
        public Port {
            extraDhcpOpts = extraDhcpOpts == null ? List.of() : List.copyOf(extraDhcpOpts);
        }

        /** A port without extra DHCP options. */
        public Port(String id, String macAddress, List<DeviceDetails.FixedIp> fixedIps, String deviceOwner, String deviceId) {
            this(id, macAddress, fixedIps, deviceOwner, deviceId, List.of());
        }
    }

    /** A DHCP option of one port for one IP version ({@code 4} or {@code 6}), as the API shows it. */
    public record ExtraDhcpOpt(@JsonProperty("opt_name") String optName,
                               @JsonProperty("opt_value") String optValue,
                               @JsonProperty("ip_version") int ipVersion) {
    }
}
