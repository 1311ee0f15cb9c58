package org.neutrino.server.plugins;

import org.neutrino.db.Database;
import org.neutrino.db.TagStore;
import org.neutrino.lib.config.Config;
import org.neutrino.rpc.MessageBus;
import org.neutrino.server.agents.Agents;
import org.neutrino.server.callbacks.CallbackRegistry;
import org.neutrino.server.extensions.ApiDefinitions;
import org.neutrino.server.extensions.ExtendedAttributes;
import org.neutrino.server.policy.PolicyEngine;
import org.neutrino.server.quota.QuotaEngine;

/**
 * What the server shares with the plugins it builds: constructor arguments, not a service
 * locator — a plugin takes what it needs when it is built.
 *
 * @param config      the server's configuration
 * @param database    the database
 * @param definitions every collection's complete attribute table and the loaded extensions
 * @param attributes  the attribute extensions of every collection (filled as plugins register)
 * @param callbacks   the callback registry
 * @param quotas      quota limits and usage
 * @param policy      the policy engine
 * @param bus         the message bus to the agents
 * @param agents      the agents and their liveness
 * @param tags        tags of every resource with standard attributes
 * @param core        the core plugin's verbs (null while the core plugin itself is built)
 */
public record ServerContext(Config config, Database database, ApiDefinitions definitions, ExtendedAttributes attributes,
                            CallbackRegistry callbacks, QuotaEngine quotas, PolicyEngine policy, MessageBus bus,
                            Agents agents, TagStore tags, CorePlugin core) {

    /** The same context with the core plugin, for the service plugins built after it. */
    public ServerContext withCore(CorePlugin corePlugin) {
        return new ServerContext(config, database, definitions, attributes, callbacks, quotas, policy, bus, agents, tags, corePlugin);
    }
}
