package org.neutrino.server.services.securitygroups;

import org.neutrino.db.securitygroups.PortAttributeStore;
import org.neutrino.db.securitygroups.SecurityGroupStore;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.callbacks.Event;
import org.neutrino.server.callbacks.Resources;
import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;

/**
 * Security groups and the port attributes that go with them (Neutron's core plugin provides
 * these itself, so the plugin is built in): the two collections, the port and network attribute
 * extensions, and the firewall drivers' RPC.
 */
final class SecurityGroupsPlugin implements ServicePlugin {
    private final SecurityGroupHandler groups;
    private final SecurityGroupRuleHandler rules;
    private final PortSecurityGroups portGroups;
    private final PortAttributeStore portAttributes;
    private final AllowedAddressPairs addressPairs;
    private final boolean portSecurity;
    private final SecurityGroupRpc rpc;

    SecurityGroupsPlugin(ServerContext context) {
        SecurityGroupStore store = new SecurityGroupStore();
        SecurityGroupNotifier notifier = new SecurityGroupNotifier(context.bus());
        DefaultSecurityGroups defaults = new DefaultSecurityGroups(store, context.quotas().store());
        this.groups = new SecurityGroupHandler(context.definitions().collection("security_groups"), context.database(), context.tags(),
                context.quotas(), store, defaults, notifier);
        this.rules = new SecurityGroupRuleHandler(context.definitions().collection("security_group_rules"), context.database(),
                context.quotas(), store, defaults, notifier);
        this.portGroups = new PortSecurityGroups(store, defaults, notifier);
        this.portAttributes = new PortAttributeStore();
        this.addressPairs = new AllowedAddressPairs(portAttributes, context.config().get(SecurityGroupOptions.MAX_ALLOWED_ADDRESS_PAIR));
        this.portSecurity = SecurityGroupExtensions.portSecurityLoaded(context.config());
        RemoteAddressGroups addressGroups = new RemoteAddressGroups(store, notifier);
        this.rpc = new SecurityGroupRpc(context.database(), context.core(), store, addressGroups);
        context.callbacks().subscribe(Resources.ADDRESS_GROUP, Event.PRECOMMIT_DELETE, addressGroups::refuseDeletingUsed);
        context.callbacks().subscribe(Resources.ADDRESS_GROUP, Event.PRECOMMIT_UPDATE, addressGroups::addressesChanged);
    }

    @Override
    public void register(Registrar registrar) {
        registrar.collection(groups);
        registrar.collection(rules);
        if (portSecurity) {
            // First: the groups and address pairs of a port depend on its port security.
            NetworkPortSecurity networks = new NetworkPortSecurity(portAttributes);
            registrar.attributes(networks);
            registrar.attributes(new PortSecurity(portAttributes, networks));
        }
        registrar.attributes(portGroups);
        registrar.attributes(addressPairs);
        registrar.attributes(new ExtraDhcpOpts(portAttributes));
        registrar.rpc(AgentTopics.SECURITY_GROUP_INFO_FOR_DEVICES, rpc::securityGroupInfoForDevices);
    }
}
