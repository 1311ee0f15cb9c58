package org.neutrino.server.services.securitygroups;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.RpcException;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firewall drivers' thin casts on fanout {@link AgentTopics#SECURITY_GROUP_UPDATE}, each
 * registered in the transaction that makes the change and sent only once it commits: the groups
 * whose rules or statefulness changed, and the groups whose member addresses changed.
 */
final class SecurityGroupNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityGroupNotifier.class);

    private final MessageBus bus;

    SecurityGroupNotifier(MessageBus bus) {
        this.bus = bus;
    }

    /** {@code security_groups_rule_updated} for these groups after {@code h} commits. */
    void rulesUpdated(Handle h, Collection<String> groupIds) {
        afterCommit(h, AgentTopics.SECURITY_GROUPS_RULE_UPDATED, groupIds);
    }

    /** {@code security_groups_member_updated} for these groups after {@code h} commits. */
    void membersUpdated(Handle h, Collection<String> groupIds) {
        afterCommit(h, AgentTopics.SECURITY_GROUPS_MEMBER_UPDATED, groupIds);
    }

    private void afterCommit(Handle h, String method, Collection<String> groupIds) {
        if (groupIds.isEmpty()) {
            return;
        }
        TreeSet<String> groups = new TreeSet<>(groupIds);
        h.afterCommit(() -> {
            ObjectNode args = AgentJson.object();
            args.set("security_groups", AgentJson.tree(groups));
            try {
                bus.fanoutCast(AgentTopics.SECURITY_GROUP_UPDATE, new Message(method, args));
            } catch (RpcException e) {
                LOG.warn("could not notify agents ({}): {}; they will catch up at their next resync", method, e.getMessage());
            }
        });
    }
}
