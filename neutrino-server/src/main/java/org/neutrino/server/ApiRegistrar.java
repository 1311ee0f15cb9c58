package org.neutrino.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neutrino.lib.api.ActionDef;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.rpc.RpcHandler;
import org.neutrino.server.api.Controller;
import org.neutrino.server.api.MemberAction;
import org.neutrino.server.api.ResourceController;
import org.neutrino.server.api.ResourceHandler;
import org.neutrino.server.api.SubResource;
import org.neutrino.server.api.SubResourceParent;
import org.neutrino.server.extensions.AttributeExtension;
import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;
import org.neutrino.server.rpc.RpcDispatcher;

/**
 * Collects what the plugins register and checks it against what their descriptors declare:
 * every declared collection, action and sub-resource has exactly one implementation, and nothing
 * is served that no loaded extension declares.
 */
final class ApiRegistrar implements ServicePlugin.Registrar {
    private final ServerContext context;
    private final int maxLimit;
    private final Map<String, Controller> controllers = new LinkedHashMap<>();
    private final Map<String, ResourceController> collections = new LinkedHashMap<>();
    private final List<ResourceHandler> handlers = new ArrayList<>();
    private final Map<String, Map<String, MemberAction>> actions = new LinkedHashMap<>();
    private final Map<String, Map<String, SubResource>> subResources = new LinkedHashMap<>();
    private final RpcDispatcher dispatcher = new RpcDispatcher();

    ApiRegistrar(ServerContext context, int maxLimit) {
        this.context = context;
        this.maxLimit = maxLimit;
    }

    @Override
    public void collection(ResourceHandler handler) {
        String name = handler.definition().collection();
        if (context.definitions().collection(name) != handler.definition()) {
            throw new IllegalStateException("the handler of " + name + " must serve the composed definition of the collection");
        }
        ResourceController controller = new ResourceController(handler, context.policy(), context.database(), context.tags(), maxLimit);
        controller(handler.definition().path(), controller);
        collections.put(name, controller);
        handlers.add(handler);
    }

    @Override
    public void attributes(AttributeExtension extension) {
        context.attributes().register(extension);
    }

    @Override
    public void action(String collection, String action, MemberAction handler) {
        if (actions.computeIfAbsent(collection, c -> new LinkedHashMap<>()).putIfAbsent(action, handler) != null) {
            throw new IllegalStateException("action " + action + " of " + collection + " is registered twice");
        }
    }

    @Override
    public void subResource(String collection, String name, SubResource handler) {
        if (subResources.computeIfAbsent(collection, c -> new LinkedHashMap<>()).putIfAbsent(name, handler) != null) {
            throw new IllegalStateException("sub-resource " + name + " of " + collection + " is registered twice");
        }
    }

    @Override
    public void controller(String path, Controller controller) {
        if (controllers.putIfAbsent(path, controller) != null) {
            throw new IllegalStateException("/v2.0/" + path + " is registered twice");
        }
    }

    @Override
    public void rpc(String method, RpcHandler handler) {
        dispatcher.register(method, handler);
    }

    /**
     * Connects the actions and sub-resources to their collections once every plugin has
     * registered, and refuses to start when a declaration has no implementation or the reverse.
     */
    void checkComplete() {
        for (String collection : context.definitions().collections().keySet()) {
            if (!collections.containsKey(collection)) {
                throw new IllegalStateException("collection " + collection + " is declared but no plugin serves it");
            }
            Map<String, MemberAction> implemented = new LinkedHashMap<>(actions.getOrDefault(collection, Map.of()));
            for (ActionDef declared : context.definitions().actions(collection)) {
                MemberAction action = implemented.remove(declared.name());
                if (action == null) {
                    throw new IllegalStateException("action " + declared.name() + " of " + collection + " is declared but not implemented");
                }
                collections.get(collection).withAction(declared, action);
            }
            if (!implemented.isEmpty()) {
                throw new IllegalStateException("actions " + implemented.keySet() + " of " + collection + " are not declared");
            }
        }
        actions.keySet().stream().filter(c -> !collections.containsKey(c)).findFirst().ifPresent(c -> {
            throw new IllegalStateException("actions registered for " + c + ", which nothing serves");
        });
        Map<String, Map<String, SubResource>> pending = new LinkedHashMap<>();
        subResources.forEach((collection, subs) -> pending.put(collection, new LinkedHashMap<>(subs)));
        for (ExtensionDescriptor extension : context.definitions().extensions()) {
            for (ExtensionDescriptor.SubResourceDef declared : extension.subResources()) {
                SubResource sub = pending.getOrDefault(declared.collection(), new LinkedHashMap<>()).remove(declared.name());
                if (sub == null) {
                    throw new IllegalStateException("sub-resource " + declared.name() + " of " + declared.collection()
                            + " is declared by " + extension.alias() + " but not implemented");
                }
                if (!(controllers.get(declared.collection()) instanceof SubResourceParent parent)) {
                    throw new IllegalStateException("/v2.0/" + declared.collection() + " cannot have sub-resources");
                }
                parent.withSubResource(declared.name(), sub);
            }
        }
        pending.forEach((collection, subs) -> {
            if (!subs.isEmpty()) {
                throw new IllegalStateException("sub-resources " + subs.keySet() + " of " + collection + " are not declared");
            }
        });
    }

    /** Top-level path → controller. */
    Map<String, Controller> controllers() {
        return controllers;
    }

    /** Collection → member name, for {@code GET /v2.0}. */
    Map<String, String> collections() {
        Map<String, String> out = new LinkedHashMap<>();
        collections.forEach((name, controller) -> out.put(name, context.definitions().collection(name).member()));
        return out;
    }

    List<ResourceHandler> handlers() {
        return List.copyOf(handlers);
    }

    RpcDispatcher dispatcher() {
        return dispatcher;
    }
}
