package org.neutrino.server.plugins.ml2;

import org.neutrino.db.Database;
import org.neutrino.db.TagStore;
import org.neutrino.server.callbacks.CallbackRegistry;
import org.neutrino.server.extensions.ExtendedAttributes;
import org.neutrino.server.quota.QuotaEngine;
import org.neutrino.server.rpc.AgentNotifier;

/**
 * The infrastructure the core resources' handlers share.
 *
 * @param database   the database
 * @param tags       tags of every resource
 * @param quotas     quota usage, changed in the writes' transactions
 * @param access     who may use a network; the network keys of policy targets
 * @param attributes other plugins' attributes of networks, subnets and ports
 * @param callbacks  the callback registry events are published to
 * @param notifier   the L2 and DHCP agents' notifications, sent after commit
 */
record ResourceServices(Database database, TagStore tags, QuotaEngine quotas, NetworkAccess access,
                        ExtendedAttributes attributes, CallbackRegistry callbacks, AgentNotifier notifier) {
}
