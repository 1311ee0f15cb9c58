package org.neutrino.server.services.securitygroups;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.addressgroups.AddressGroupStore;
import org.neutrino.db.securitygroups.SecurityGroupStore;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.lib.net.Cidr;
import org.neutrino.server.callbacks.ResourceEvent;

/**
 * Rules naming an address group as their remote ({@code security-groups-remote-address-group}):
 * the group must be the rule project's (any for an admin), and stays locked until the rule is
 * written; a group named by a rule cannot be deleted ({@code AddressGroupInUse}); when its
 * addresses change, the firewalls are told that the rules of the groups naming it changed (as
 * Neutron's agents turn {@code address_group_updated} into {@code security_groups_rule_updated}).
 */
final class RemoteAddressGroups {
    private final SecurityGroupStore store;
    private final SecurityGroupNotifier notifier;
    private final AddressGroupStore addressGroups = new AddressGroupStore();

    RemoteAddressGroups(SecurityGroupStore store, SecurityGroupNotifier notifier) {
        this.store = store;
        this.notifier = notifier;
    }

    /** Locks the rule's remote address group, if it names one; 404 {@code AddressGroupNotFound} when the project may not use it. */
    static void lockForRule(Handle h, RequestContext context, String projectId, String addressGroupId) {
        if (addressGroupId == null) {
            return;
        }
        AddressGroupStore.GROUPS.findForUpdate(h, addressGroupId)
                .filter(g -> context.isAdmin() || projectId.equals(g.get("project_id")))
                .orElseThrow(() -> NeutronException.notFound("AddressGroupNotFound", "Address group " + addressGroupId
                        + " could not be found."));
    }

    /** {@code PRECOMMIT_DELETE} of an address group: refused while a rule names it. */
    void refuseDeletingUsed(ResourceEvent event) {
        if (!store.groupsNamingAddressGroup(event.handle(), event.resourceId()).isEmpty()) {
            throw NeutronException.conflict("AddressGroupInUse", "Address group " + event.resourceId()
                    + " is in use on one or more security group rules.");
        }
    }

    /** {@code PRECOMMIT_UPDATE} of an address group (its addresses changed): the groups naming it, to the firewalls. */
    void addressesChanged(ResourceEvent event) {
        notifier.rulesUpdated(event.handle(), store.groupsNamingAddressGroup(event.handle(), event.resourceId()));
    }

    /** The addresses of each address group by {@code IPv4}/{@code IPv6} (both always present), as remote group members are. */
    Map<String, Map<String, List<String>>> members(Handle h, Collection<String> addressGroupIds) {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        Map<String, List<String>> found = addressGroups.addresses(h, addressGroupIds);
        for (String id : addressGroupIds) {
            List<String> addresses = found.getOrDefault(id, List.of());
            Map<String, List<String>> byVersion = new LinkedHashMap<>();
            byVersion.put("IPv4", addresses.stream().filter(a -> Cidr.parse(a).version() == 4).toList());
            byVersion.put("IPv6", addresses.stream().filter(a -> Cidr.parse(a).version() == 6).toList());
            out.put(id, byVersion);
        }
        return out;
    }
}
