package org.neutrino.server.services.metadata;

import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;

/** Answers the metadata agents' {@code get_metadata_instance} ({@link MetadataRpc}). */
final class MetadataPlugin implements ServicePlugin {
    private final MetadataRpc rpc;

    MetadataPlugin(ServerContext context) {
        this.rpc = new MetadataRpc(context.database());
    }

    @Override
    public void register(Registrar registrar) {
        registrar.rpc(AgentTopics.GET_METADATA_INSTANCE, rpc::instance);
    }
}
