package org.neutrino.server.services.subnetpools;

import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;

/** Subnet pools, address scopes and the allocation of subnets from pools. */
final class SubnetPoolsPlugin implements ServicePlugin {
    private final SubnetPoolHandler subnetPools;
    private final AddressScopeHandler addressScopes;

    SubnetPoolsPlugin(ServerContext context) {
        ScopeMembership scopes = new ScopeMembership();
        this.subnetPools = new SubnetPoolHandler(context.definitions().collection("subnetpools"), context.database(), context.tags(),
                context.attributes(), context.quotas(), scopes);
        this.addressScopes = new AddressScopeHandler(context.definitions().collection("address_scopes"), context.database(),
                context.tags(), context.attributes());
    }

    @Override
    public void register(Registrar registrar) {
        registrar.collection(subnetPools);
        registrar.collection(addressScopes);
        registrar.attributes(new SubnetAllocation());
        registrar.attributes(new NetworkAddressScopes());
        registrar.action("subnetpools", "add_prefixes", subnetPools::addPrefixes);
        registrar.action("subnetpools", "remove_prefixes", subnetPools::removePrefixes);
    }
}
