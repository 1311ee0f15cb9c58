package org.neutrino.rpc.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What a firewall driver needs for a set of devices ({@code security_group_info_for_devices}):
 * each port's filter inputs, the rules of every group those ports use, and the member
 * addresses of every group the rules name as {@code remote_group_id}, and the addresses of every
 * address group they name as {@code remote_address_group_id} (for ipsets). A device the
 * server does not know, or that is bound to another host, is absent from {@link #devices}.
 *
 * @param devices        device name ({@code tap<port11>}) → the port's filter inputs
 * @param securityGroups group id → its rules and statefulness
 * @param sgMemberIps    remote group or address group id → {@code IPv4}/{@code IPv6} → member
 *                       addresses (of an address group: CIDRs)
 */
public record SecurityGroupInfo(Map<String, PortFilter> devices,
                                @JsonProperty("security_groups") Map<String, Group> securityGroups,
                                @JsonProperty("sg_member_ips") Map<String, Map<String, List<String>>> sgMemberIps) {

    /**
     * One port as the firewall sees it. With {@code portSecurityEnabled} false the port is not
     * filtered at all (and has no groups).
     */
    public record PortFilter(String device,
                             @JsonProperty("port_id") String portId,
                             @JsonProperty("network_id") String networkId,
                             @JsonProperty("mac_address") String macAddress,
                             @JsonProperty("fixed_ips") List<String> fixedIps,
                             @JsonProperty("allowed_address_pairs") List<AddressPair> allowedAddressPairs,
                             @JsonProperty("security_groups") List<String> securityGroups,
                             @JsonProperty("port_security_enabled") boolean portSecurityEnabled,
                             @JsonProperty("device_owner") String deviceOwner) {
    }

    /** An allowed address pair: an address or CIDR, with the MAC it may use (the port's when absent). */
    public record AddressPair(@JsonProperty("ip_address") String ipAddress, @JsonProperty("mac_address") String macAddress) {
    }

    /** A group: connection tracking on or off, and its rules. */
    public record Group(boolean stateful, List<Rule> rules) {
    }

    /**
     * A rule, as in the API. {@code protocol} is normalised to a lower-case name when it has one
     * ({@code tcp}, {@code udp}, {@code icmp}, {@code ipv6-icmp}) or its number, {@code null}
     * for any. At most one of {@code remoteIpPrefix}, {@code remoteGroupId} and
     * {@code remoteAddressGroupId} is set; the addresses of a remote group or address group are in
     * {@link SecurityGroupInfo#sgMemberIps} under its id.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(String id,
                       String direction,
                       String ethertype,
                       String protocol,
                       @JsonProperty("port_range_min") Integer portRangeMin,
                       @JsonProperty("port_range_max") Integer portRangeMax,
                       @JsonProperty("remote_ip_prefix") String remoteIpPrefix,
                       @JsonProperty("remote_group_id") String remoteGroupId,
                       @JsonProperty("remote_address_group_id") String remoteAddressGroupId) {
    }
}
