package org.neutrino.server;

import java.nio.file.Path;
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
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.Opt;
import java.time.Clock;
import java.time.Duration;
import org.neutrino.db.agents.AgentStore;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.MessageBuses;
import org.neutrino.rpc.Subscription;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.agents.Agents;
import org.neutrino.server.agents.AgentsController;
import org.neutrino.server.plugins.ml2.Ml2Options;
import org.neutrino.server.rpc.AgentNotifier;
import org.neutrino.server.rpc.PluginRpcHandler;
import org.neutrino.server.api.ApiHandler;
import org.neutrino.server.api.Controller;
import org.neutrino.server.api.Extension;
import org.neutrino.server.api.ExtensionsController;
import org.neutrino.server.api.ResourceController;
import org.neutrino.server.api.ResourceHandler;
import org.neutrino.server.api.VersionsController;
import org.neutrino.server.api.auth.Authenticator;
import org.neutrino.server.api.auth.KeystoneAuthOptions;
import org.neutrino.server.api.auth.KeystoneAuthSettings;
import org.neutrino.server.api.auth.KeystoneAuthenticator;
import org.neutrino.server.api.auth.NoAuthAuthenticator;
import org.neutrino.server.api.JsonCodec;
import org.neutrino.server.api.JsonErrorHandler;
import org.neutrino.server.config.ServerOptions;
import org.neutrino.server.plugins.ml2.IpAvailabilityController;
import org.neutrino.server.plugins.ml2.Ml2Plugin;
import org.neutrino.server.policy.PolicyEngine;
import org.neutrino.server.policy.PolicyOptions;
import org.neutrino.server.quota.QuotaEngine;
import org.neutrino.server.quota.QuotasController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the API server: builds every part from the configuration, by hand,
 * in one place that tests reuse. {@link #start()} opens the database and the HTTP port.
 */
public final class NeutrinoServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NeutrinoServer.class);

    private final Config config;
    private final MessageBus providedBus;
    private MessageBus bus;
    private Subscription rpc;
    private Database database;
    private Server http;
    private Ml2Plugin plugin;
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

    /** Every option the server reads (for unknown-option warnings and the sample config). */
    public static List<Opt<?>> options() {
        List<Opt<?>> all = new ArrayList<>(ServerOptions.all());
        all.addAll(PolicyOptions.ALL);
        all.addAll(KeystoneAuthOptions.ALL);
        all.addAll(Ml2Options.all());
        return all;
    }

    public NeutrinoServer start() throws Exception {
        checkPlugins();
        PolicyEngine policy = PolicyEngine.fromConfig(config);
        Authenticator authenticator = authenticator(policy);
        DatabaseUrl url = DatabaseUrl.parse(config.get(ServerOptions.DATABASE_CONNECTION), Path.of(config.get(ServerOptions.STATE_PATH)));
        database = Database.open(url, config.get(ServerOptions.DATABASE_MAX_POOL_SIZE));

        Map<String, Integer> quotaDefaults = new LinkedHashMap<>();
        quotaDefaults.put("network", config.get(ServerOptions.QUOTA_NETWORK));
        quotaDefaults.put("subnet", config.get(ServerOptions.QUOTA_SUBNET));
        quotaDefaults.put("port", config.get(ServerOptions.QUOTA_PORT));
        QuotaEngine quotas = new QuotaEngine(new QuotaStore(), quotaDefaults);
        bus = providedBus != null ? providedBus : MessageBuses.fromTransportUrl(config.get(ServerOptions.TRANSPORT_URL));
        Agents agents = new Agents(new AgentStore(), Duration.ofSeconds(config.get(Ml2Options.AGENT_DOWN_TIME)), Clock.systemUTC());
        AgentNotifier notifier = new AgentNotifier(bus, database, agents.store());
        plugin = Ml2Plugin.fromConfig(config, database, quotas, agents, notifier);
        rpc = bus.subscribe(Target.topic(AgentTopics.PLUGIN), new PluginRpcHandler(plugin));

        int maxLimit = config.get(ServerOptions.PAGINATION_MAX_LIMIT);
        TagStore tags = new TagStore();
        Map<String, Controller> controllers = new LinkedHashMap<>();
        Map<String, String> collections = new LinkedHashMap<>();
        resourceHandlers = List.of(plugin.networks(), plugin.subnets(), plugin.ports());
        for (ResourceHandler handler : resourceHandlers) {
            controllers.put(handler.definition().collection(), new ResourceController(handler, policy, database, tags, maxLimit));
            collections.put(handler.definition().collection(), handler.definition().member());
        }
        AgentsController agentsController = new AgentsController(agents, database, policy, notifier, plugin.networks());
        ((ResourceController) controllers.get("networks")).withSubResource("dhcp-agents", agentsController::networkDhcpAgents);
        controllers.put("agents", agentsController);
        controllers.put("extensions", new ExtensionsController(Extension.core()));
        controllers.put("quotas", new QuotasController(quotas, database, policy));
        controllers.put("network-ip-availabilities", new IpAvailabilityController(database, policy));

        ApiHandler api = new ApiHandler(authenticator, controllers, VersionsController.versions(),
                VersionsController.resources(collections), config.get(ServerOptions.MAX_REQUEST_BODY_SIZE));
        http = new Server(threadPool());
        ServerConnector connector = new ServerConnector(http);
        connector.setHost(config.get(ServerOptions.BIND_HOST));
        connector.setPort(config.get(ServerOptions.BIND_PORT));
        connector.setAcceptQueueSize(config.get(ServerOptions.BACKLOG));
        http.addConnector(connector);
        http.setHandler(api);
        http.setErrorHandler(new JsonErrorHandler());
        http.start();
        LOG.info("Neutrino API listening on http://{}:{}/ (auth_strategy={})", connector.getHost(), port(),
                config.get(ServerOptions.AUTH_STRATEGY));
        return this;
    }

    /** Refuses a core plugin we do not have; warns about service plugins not provided yet. */
    private void checkPlugins() {
        String core = config.get(ServerOptions.CORE_PLUGIN);
        if (!core.equals("ml2") && !core.equals("neutron.plugins.ml2.plugin.Ml2Plugin")) {
            throw new IllegalArgumentException("[DEFAULT] core_plugin = " + core + ": only ml2 is provided");
        }
        for (String service : config.get(ServerOptions.SERVICE_PLUGINS)) {
            LOG.warn("[DEFAULT] service_plugins: '{}' is not provided by this version and is ignored", service);
        }
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

    public Ml2Plugin plugin() {
        return plugin;
    }

    /** The handlers of the collections the generic {@link ResourceController} serves, once started. */
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
        if (bus != null && providedBus == null) {
            bus.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
