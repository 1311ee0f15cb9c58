package org.neutrino.server.services.addressgroups;

import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;

/**
 * Address groups: named sets of CIDRs that security group rules match as their remote. What
 * rules do with them (refusing to delete a group in use, telling the firewalls when addresses
 * change) is the security-group plugin's, on this plugin's events.
 */
final class AddressGroupsPlugin implements ServicePlugin {
    private final AddressGroupHandler groups;

    AddressGroupsPlugin(ServerContext context) {
        this.groups = new AddressGroupHandler(context.definitions().collection("address_groups"), context.database(),
                context.callbacks());
    }

    @Override
    public void register(Registrar registrar) {
        registrar.collection(groups);
        registrar.action("address_groups", "add_addresses", groups::addAddresses);
        registrar.action("address_groups", "remove_addresses", groups::removeAddresses);
    }
}
