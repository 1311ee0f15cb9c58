package org.neutrino.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.neutrino.db.Database;
import org.neutrino.db.DatabaseUrl;
import org.neutrino.db.QuotaStore;
import org.neutrino.db.TagStore;
import org.neutrino.db.agents.AgentStore;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.Opt;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.MessageBuses;
import org.neutrino.rpc.Subscription;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.agents.AgentStateRpc;
import org.neutrino.server.agents.Agents;
import org.neutrino.server.agents.AgentsController;
import org.neutrino.server.api.ApiExtensions;
import org.neutrino.server.api.ApiHandler;
import org.neutrino.server.api.JsonCodec;
import org.neutrino.server.api.JsonErrorHandler;
import org.neutrino.server.api.VersionsController;
import org.neutrino.server.api.auth.Authenticator;
import org.neutrino.server.api.auth.KeystoneAuthOptions;
import org.neutrino.server.api.auth.KeystoneAuthSettings;
import org.neutrino.server.api.auth.KeystoneAuthenticator;
import org.neutrino.server.api.auth.NoAuthAuthenticator;
import org.neutrino.server.api.ExtensionsController;
import org.neutrino.server.api.ResourceHandler;
import org.neutrino.server.callbacks.CallbackRegistry;
import org.neutrino.server.config.ServerOptions;
import org.neutrino.server.extensions.ApiDefinitions;
import org.neutrino.server.extensions.ExtendedAttributes;
import org.neutrino.server.plugins.CorePlugin;
import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;
import org.neutrino.server.plugins.ServicePluginFactory;
import org.neutrino.server.plugins.ServicePlugins;
import org.neutrino.server.plugins.ml2.Ml2Options;
import org.neutrino.server.plugins.ml2.Ml2PluginFactory;
import org.neutrino.server.policy.PolicyEngine;
import org.neutrino.server.policy.PolicyOptions;
import org.neutrino.server.quota.QuotaEngine;
import org.neutrino.server.quota.QuotasController;
import org.neutrino.server.rpc.RpcDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the API server: builds every part from the configuration, by hand,
 * in one place that tests reuse. {@link #start()} opens the database, loads the core plugin and
 * the service plugins named by {@code [DEFAULT] service_plugins}, composes the API their extension
 * descriptors declare, and opens the HTTP port.
 */
public final class NeutrinoServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NeutrinoServer.class);
    private static final ServicePluginFactory CORE = new Ml2PluginFactory();

    private final Config config;
    private final MessageBus providedBus;
    private MessageBus bus;
    private Subscription rpc;
    private Database database;
    private Server http;
    private ApiDefinitions definitions;
    private CallbackRegistry callbacks;
    private CorePlugin core;
    private final List<ServicePlugin> plugins = new ArrayList<>();
    private List<ResourceHandler> resourceHandlers = List.of();

    /** A server that builds its message bus from {@code [DEFAULT] transport_url}. */
    public NeutrinoServer(Config config) {
        this(config, null);
    }

    /** A server on the given bus (the all-in-one shares one in-process bus with its agents). */
    public NeutrinoServer(Config config, MessageBus bus) {
        this.config = config;
        this.providedBus = bus;
    }

    /** Every option the server and its plugins read (for unknown-option warnings and the sample config). */
    public static List<Opt<?>> options() {
        List<Opt<?>> all = new ArrayList<>(ServerOptions.all());
        all.addAll(PolicyOptions.ALL);
        all.addAll(KeystoneAuthOptions.ALL);
        all.addAll(CORE.options());
        all.addAll(ServicePlugins.options());
        return all;
    }

    public NeutrinoServer start() throws Exception {
        String corePlugin = config.get(ServerOptions.CORE_PLUGIN);
        if (!corePlugin.equals(CORE.name()) && !CORE.aliases().contains(corePlugin)) {
            throw new IllegalArgumentException("[DEFAULT] core_plugin = " + corePlugin + ": only ml2 is provided");
        }
        List<ServicePluginFactory> services = ServicePlugins.loaded(config.get(ServerOptions.SERVICE_PLUGINS));
        List<ExtensionDescriptor> descriptors = new ArrayList<>(ApiExtensions.all());
        descriptors.addAll(CORE.extensions(config));
        services.forEach(f -> descriptors.addAll(f.extensions(config)));
        definitions = new ApiDefinitions(Ml2PluginFactory.coreCollections(config), descriptors);

        PolicyEngine policy = PolicyEngine.fromConfig(config, definitions.policies());
        Authenticator authenticator = authenticator(policy);
        DatabaseUrl url = DatabaseUrl.parse(config.get(ServerOptions.DATABASE_CONNECTION), Path.of(config.get(ServerOptions.STATE_PATH)));
        database = Database.open(url, config.get(ServerOptions.DATABASE_MAX_POOL_SIZE));
        QuotaEngine quotas = new QuotaEngine(new QuotaStore(), quotaDefaults());
        bus = providedBus != null ? providedBus : MessageBuses.fromTransportUrl(config.get(ServerOptions.TRANSPORT_URL));
        Agents agents = new Agents(new AgentStore(), Duration.ofSeconds(config.get(Ml2Options.AGENT_DOWN_TIME)), Clock.systemUTC());
        callbacks = new CallbackRegistry();
        ServerContext context = new ServerContext(config, database, definitions, new ExtendedAttributes(), callbacks, quotas, policy,
                bus, agents, new TagStore(), null);

        ServicePlugin corePluginInstance = CORE.create(context);
        core = (CorePlugin) corePluginInstance;
        plugins.add(corePluginInstance);
        ServerContext withCore = context.withCore(core);
        services.forEach(f -> plugins.add(f.create(withCore)));

        ApiRegistrar registrar = new ApiRegistrar(context, config.get(ServerOptions.PAGINATION_MAX_LIMIT));
        registrar.controller("agents", new AgentsController(agents, database, policy));
        registrar.controller("extensions", new ExtensionsController(definitions.extensions()));
        registrar.controller("quotas", new QuotasController(quotas, database, policy));
        registrar.rpc(AgentTopics.REPORT_STATE, new AgentStateRpc(database, agents, callbacks));
        plugins.forEach(p -> p.register(registrar));
        registrar.checkComplete();
        resourceHandlers = registrar.handlers();
        rpc = bus.subscribe(Target.topic(AgentTopics.PLUGIN), registrar.dispatcher());

        ApiHandler api = new ApiHandler(authenticator, registrar.controllers(), VersionsController.versions(),
                VersionsController.resources(registrar.collections()), config.get(ServerOptions.MAX_REQUEST_BODY_SIZE));
        http = new Server(threadPool());
        ServerConnector connector = new ServerConnector(http);
        connector.setHost(config.get(ServerOptions.BIND_HOST));
        connector.setPort(config.get(ServerOptions.BIND_PORT));
        connector.setAcceptQueueSize(config.get(ServerOptions.BACKLOG));
        http.addConnector(connector);
        http.setHandler(api);
        http.setErrorHandler(new JsonErrorHandler());
        http.start();
        LOG.info("Neutrino API listening on http://{}:{}/ (auth_strategy={}, service_plugins={})", connector.getHost(), port(),
                config.get(ServerOptions.AUTH_STRATEGY), services.stream().map(ServicePluginFactory::name).toList());
        return this;
    }

    /** The core quotas' defaults, then those of the loaded extensions, from their options. */
    private Map<String, Integer> quotaDefaults() {
        Map<String, Integer> defaults = new LinkedHashMap<>();
        defaults.put("network", config.get(ServerOptions.QUOTA_NETWORK));
        defaults.put("subnet", config.get(ServerOptions.QUOTA_SUBNET));
        defaults.put("port", config.get(ServerOptions.QUOTA_PORT));
        definitions.quotas().forEach((resource, option) -> defaults.put(resource, config.get(option)));
        return defaults;
    }

    private QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("neutrino-api");
        Integer workers = config.get(ServerOptions.API_WORKERS);
        if (workers == null) {
            pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        } else {
            pool.setMaxThreads(Math.max(workers, 8) + 4);
        }
        return pool;
    }

    private Authenticator authenticator(PolicyEngine policy) {
        return switch (config.get(ServerOptions.AUTH_STRATEGY)) {
            case "noauth" -> new NoAuthAuthenticator(policy);
            default -> new KeystoneAuthenticator(KeystoneAuthSettings.from(config), JsonCodec.mapper(), policy);
        };
    }

    /** The bound port (useful with {@code bind_port = 0}). */
    public int port() {
        return ((ServerConnector) http.getConnectors()[0]).getLocalPort();
    }

    public Database database() {
        return database;
    }

    public MessageBus bus() {
        return bus;
    }

    /** The core plugin's verbs. */
    public CorePlugin core() {
        return core;
    }

    /** Every collection's attribute table and the loaded extensions, once started. */
    public ApiDefinitions definitions() {
        return definitions;
    }

    /** The callback registry the plugins subscribe to, once started. */
    public CallbackRegistry callbacks() {
        return callbacks;
    }

    /** The handlers of the collections the generic controller serves, once started. */
    public List<ResourceHandler> resourceHandlers() {
        return resourceHandlers;
    }

    @Override
    public void close() throws Exception {
        if (http != null) {
            http.stop();
        }
        if (rpc != null) {
            rpc.close();
        }
        plugins.forEach(ServicePlugin::close);
        if (bus != null && providedBus == null) {
            bus.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
