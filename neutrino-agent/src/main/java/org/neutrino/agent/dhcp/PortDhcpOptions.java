package org.neutrino.agent.dhcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.neutrino.linux.DhcpHost;
import org.neutrino.linux.DhcpOption;
import org.neutrino.linux.IpVersion;
import org.neutrino.rpc.agent.DhcpNetwork;

/**
 * A port's {@code extra_dhcp_opts} as Neutron's dnsmasq driver serves them: every option under
 * the port's tag {@code port-<port id>}, which the port's host lines set; a {@code client-id}
 * option (by name or as number 61) is no option but the identifier dnsmasq matches the port's
 * lines by ({@code id:<value>}); an option for an IP version the port has no address of is left
 * out. A port whose only option is its client id sets no tag.
 *
 * @param tag      the tag the port's host lines set, when it has options
 * @param clientId the {@code client-id} option's value, if any
 * @param options  the options of the tag
 */
record PortDhcpOptions(Optional<String> tag, Optional<String> clientId, List<DhcpOption> options) {
    private static final Set<String> CLIENT_ID = Set.of("client-id", "61");

    PortDhcpOptions {
        options = List.copyOf(options);
    }

    /**
     * @param versions the IP versions of the port's addresses
     * @param skipped  where the options left out are described, one sentence each
     */
    static PortDhcpOptions of(DhcpNetwork.Port port, Set<IpVersion> versions, List<String> skipped) {
        if (port.extraDhcpOpts().isEmpty()) {
            return new PortDhcpOptions(Optional.empty(), Optional.empty(), List.of());
        }
        if (!port.id().matches("[A-Za-z0-9-]+")) {
            skipped.add("port " + port.id() + ": DHCP options not served, the port id cannot be a dnsmasq tag");
            return new PortDhcpOptions(Optional.empty(), Optional.empty(), List.of());
        }
        String tag = "port-" + port.id();
        Optional<String> clientId = Optional.empty();
        boolean others = false;
        List<DhcpOption> options = new ArrayList<>();
        for (DhcpNetwork.ExtraDhcpOpt option : port.extraDhcpOpts()) {
            if (CLIENT_ID.contains(option.optName())) {
                if (clientId.isEmpty()) {
                    clientId = clientId(port, option.optValue(), skipped);
                }
                continue;
            }
            others = true;
            IpVersion version = option.ipVersion() == 6 ? IpVersion.V6 : IpVersion.V4;
            if (!versions.contains(version)) {
                skipped.add("port " + port.id() + ": DHCP option " + option.optName() + " not served, the port has no IPv"
                        + option.ipVersion() + " address");
                continue;
            }
            try {
                options.add(new DhcpOption(tag, version, option.optName(), option.optValue()));
            } catch (IllegalArgumentException e) {
                skipped.add("port " + port.id() + ": DHCP option '" + option.optName() + "' not served: " + e.getMessage());
            }
        }
        return new PortDhcpOptions(others ? Optional.of(tag) : Optional.empty(), clientId, options);
    }

    /** {@code host} with this port's client identifier and tag. */
    DhcpHost apply(DhcpHost host) {
        return host.withOptions(clientId, tag);
    }

    private static Optional<String> clientId(DhcpNetwork.Port port, String value, List<String> skipped) {
        if (value == null || value.isBlank() || value.contains(",") || value.contains("\n")) {
            skipped.add("port " + port.id() + ": client-id '" + value + "' not served, dnsmasq cannot match it");
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
