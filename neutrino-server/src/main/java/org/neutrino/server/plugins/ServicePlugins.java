package org.neutrino.server.plugins;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.neutrino.lib.config.Opt;
import org.neutrino.server.services.addressgroups.AddressGroupsPluginFactory;
import org.neutrino.server.services.availabilityzones.AvailabilityZonesPluginFactory;
import org.neutrino.server.services.l3.L3RouterPluginFactory;
import org.neutrino.server.services.metadata.MetadataPluginFactory;
import org.neutrino.server.services.portforwarding.PortForwardingPluginFactory;
import org.neutrino.server.services.securitygroups.SecurityGroupsPluginFactory;
import org.neutrino.server.services.subnetpools.SubnetPoolsPluginFactory;
import org.neutrino.server.services.trace.PortTracePluginFactory;

/**
 * The service plugins this server provides: those loaded by the names {@code [DEFAULT]
 * service_plugins} uses, and those always loaded because Neutron's core plugin provides their
 * extensions itself (security groups, address groups, subnet pools). One line per plugin. An unknown name is a
 * start-up error.
 */
public final class ServicePlugins {
    private static final List<ServicePluginFactory> AVAILABLE = List.of(
            new L3RouterPluginFactory(),
            new PortForwardingPluginFactory());
    private static final List<ServicePluginFactory> BUILT_IN = List.of(
            new SecurityGroupsPluginFactory(),
            new SubnetPoolsPluginFactory(),
            new AvailabilityZonesPluginFactory(),
            new PortTracePluginFactory(),
            new MetadataPluginFactory(),
            new AddressGroupsPluginFactory());

    private ServicePlugins() {
    }

    /** The built-in plugins, then those named by {@code names}, in order, each once. */
    public static List<ServicePluginFactory> loaded(List<String> names) {
        Set<ServicePluginFactory> out = new LinkedHashSet<>(BUILT_IN);
        for (String name : names) {
            out.add(AVAILABLE.stream().filter(f -> f.name().equals(name) || f.aliases().contains(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("[DEFAULT] service_plugins: '" + name + "' is not provided "
                            + "(available: " + AVAILABLE.stream().map(ServicePluginFactory::name).collect(Collectors.joining(", "))
                            + ")")));
        }
        return new ArrayList<>(out);
    }

    /** Every option of every available plugin (for the sample configuration and unknown-option warnings). */
    public static List<Opt<?>> options() {
        List<Opt<?>> out = new ArrayList<>();
        BUILT_IN.forEach(f -> out.addAll(f.options()));
        AVAILABLE.forEach(f -> out.addAll(f.options()));
        return out;
    }
}
