package org.neutrino.server.plugins;

import org.neutrino.rpc.RpcHandler;
import org.neutrino.server.api.Controller;
import org.neutrino.server.api.MemberAction;
import org.neutrino.server.api.ResourceHandler;
import org.neutrino.server.api.SubResource;
import org.neutrino.server.extensions.AttributeExtension;

/**
 * A plugin built by its {@link ServicePluginFactory}: it connects its parts to the server. Its
 * callbacks are subscribed when it is built ({@link ServerContext#callbacks()}).
 */
public interface ServicePlugin {

    /** Connects the plugin's collections, attribute extensions, actions and RPC methods. */
    void register(Registrar registrar);

    /** Stops what the plugin runs in the background (schedulers); by default nothing. */
    default void close() {
    }

    /** Where a plugin connects its parts; every name must be declared by one of its descriptors. */
    interface Registrar {
        /** Serves {@code /v2.0/<collection>} with the generic controller over {@code handler}. */
        void collection(ResourceHandler handler);

        /** Stores and loads attributes the plugin adds to another collection. */
        void attributes(AttributeExtension extension);

        /** Performs the member action {@code PUT /v2.0/<collection>/{id}/<action>}. */
        void action(String collection, String action, MemberAction handler);

        /** Serves {@code /v2.0/<collection>/{id}/<name>}. */
        void subResource(String collection, String name, SubResource handler);

        /** Serves a top-level path that is not a plain collection ({@code quotas}). */
        void controller(String path, Controller controller);

        /** Answers the agents' call {@code method} on the server's topic. */
        void rpc(String method, RpcHandler handler);
    }
}
