package org.neutrino.server.plugins.ml2;

import java.util.List;
import java.util.Set;
import org.neutrino.lib.api.AttributeDef;
import org.neutrino.lib.api.Converters;
import org.neutrino.lib.api.CoreResources;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.Opt;
import org.neutrino.server.config.ServerOptions;
import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;
import org.neutrino.server.plugins.ServicePluginFactory;

/** {@code [DEFAULT] core_plugin = ml2}: the only core plugin. */
public final class Ml2PluginFactory implements ServicePluginFactory {
    /**
     * {@code is_default} of networks (Neutron's auto-allocated-topology attribute): whether an
     * external network is the default one for auto-allocation. Neutron accepts it on every
     * network and it has no effect on one that is not external, and clients send it unasked
     * (openstack4j 3.12 puts {@code "is_default": false} in every network it creates). It is
     * validated, checked by policy ({@code create_network:is_default} is admin-only) and not
     * stored.
     */
    static final AttributeDef IS_DEFAULT = AttributeDef.of("is_default").postPut().defaultValue(false)
            .convert(Converters.BOOLEAN).policy().build();

    @Override
    public String name() {
        return "ml2";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("neutron.plugins.ml2.plugin.Ml2Plugin");
    }

    @Override
    public List<Opt<?>> options() {
        return Ml2Options.all();
    }

    /** The core collections: networks, subnets (with the configured limits) and ports. */
    public static List<ResourceDef> coreCollections(Config config) {
        return List.of(CoreResources.networks().extend(IS_DEFAULT),
                CoreResources.subnets(config.get(ServerOptions.MAX_DNS_NAMESERVERS), config.get(ServerOptions.MAX_SUBNET_HOST_ROUTES)),
                CoreResources.ports());
    }

    @Override
    public List<ExtensionDescriptor> extensions(Config config) {
        return Ml2Extensions.all();
    }

    @Override
    public ServicePlugin create(ServerContext context) {
        return new Ml2Plugin(context);
    }
}
