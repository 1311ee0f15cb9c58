package org.neutrino.server.config;

import java.util.List;
import org.neutrino.lib.config.CommonOptions;
import org.neutrino.lib.config.Opt;
import org.neutrino.rpc.BusOptions;

/** The options the API server reads, with Neutron's names, sections and defaults. */
public final class ServerOptions {
    private ServerOptions() {
    }

    public static final Opt<String> BIND_HOST = Opt.string("DEFAULT", "bind_host", "127.0.0.1",
            "The host IP to bind to. (Neutron's default is 0.0.0.0; Neutrino listens on loopback unless told otherwise.)");
    public static final Opt<Integer> BIND_PORT = Opt.port("DEFAULT", "bind_port", 9696,
            "The port to bind to; 0 picks a free port.");
    public static final Opt<Integer> BACKLOG = Opt.integer("DEFAULT", "backlog", 4096, 1, 65535,
            "Connections the listening socket queues before the server accepts them (the kernel caps it at net.core.somaxconn).");
    public static final Opt<String> AUTH_STRATEGY = Opt.choice("DEFAULT", "auth_strategy", "keystone",
            java.util.Set.of("keystone", "noauth"),
            "The type of authentication to use: keystone validates X-Auth-Token; noauth trusts X-Project-Id/X-Roles.");
    public static final Opt<String> CORE_PLUGIN = Opt.string("DEFAULT", "core_plugin", "ml2",
            "The core plugin. Only ml2 is provided.");
    public static final Opt<List<String>> SERVICE_PLUGINS = Opt.list("DEFAULT", "service_plugins", List.of(),
            "Service plugins to load, by name (or Neutron's class path); a name no plugin answers to stops the server.");
    public static final Opt<String> BASE_MAC = Opt.string("DEFAULT", "base_mac", "fa:16:3e:00:00:00",
            "The base MAC address for ports: the first 3 octets stay, a non-zero 4th octet stays too, the rest is random.");
    public static final Opt<Integer> API_WORKERS = Opt.integer("DEFAULT", "api_workers", null, 1, 1024,
            "Concurrent API requests served at once (a bound on request threads). Default: unbounded virtual threads.");
    public static final Opt<String> STATE_PATH = CommonOptions.STATE_PATH;
    public static final Opt<Integer> GLOBAL_PHYSNET_MTU = Opt.integer("DEFAULT", "global_physnet_mtu", 1500, 68, 65535,
            "MTU of the underlying physical network; network MTUs are derived from it.");
    public static final Opt<Integer> MAX_DNS_NAMESERVERS = Opt.integer("DEFAULT", "max_dns_nameservers", 5, 0, 100,
            "Maximum number of DNS nameservers per subnet.");
    public static final Opt<Integer> MAX_SUBNET_HOST_ROUTES = Opt.integer("DEFAULT", "max_subnet_host_routes", 20, 0, 1000,
            "Maximum number of host routes per subnet.");
    public static final Opt<Integer> MAX_FIXED_IPS_PER_PORT = Opt.integer("DEFAULT", "max_fixed_ips_per_port", 5, 1, null,
            "Maximum number of fixed IPs a create or update may give one port (ports of network:* owners, such as "
                    + "DHCP ports, are exempt).");
    public static final Opt<Integer> MAX_REQUEST_BODY_SIZE = Opt.integer("oslo_middleware", "max_request_body_size", 114688, 1, null,
            "The maximum body size for each request, in bytes.");
    public static final Opt<Integer> PAGINATION_MAX_LIMIT = Opt.integer("DEFAULT", "pagination_max_limit", -1, -1, null,
            "The maximum number of items returned in a single response; -1 means no limit.");

    public static final Opt<String> TRANSPORT_URL = BusOptions.TRANSPORT_URL;
    public static final Opt<String> DATABASE_CONNECTION = Opt.string("database", "connection", "",
            "SQLAlchemy-style URL of the database (postgresql://user:pass@host/db, mysql+pymysql://...). "
                    + "Empty: an embedded H2 database under state_path.").asSecret();
    public static final Opt<Integer> DATABASE_MAX_POOL_SIZE = Opt.integer("database", "max_pool_size", 16, 1, 1000,
            "Maximum number of database connections.");

    public static final Opt<Integer> QUOTA_NETWORK = Opt.integer("quotas", "quota_network", 100, -1, null,
            "Number of networks allowed per project; -1 for unlimited.");
    public static final Opt<Integer> QUOTA_SUBNET = Opt.integer("quotas", "quota_subnet", 100, -1, null,
            "Number of subnets allowed per project; -1 for unlimited.");
    public static final Opt<Integer> QUOTA_PORT = Opt.integer("quotas", "quota_port", 500, -1, null,
            "Number of ports allowed per project; -1 for unlimited.");

    /** Every option above. */
    public static List<Opt<?>> all() {
        return List.of(BIND_HOST, BIND_PORT, BACKLOG, AUTH_STRATEGY, CORE_PLUGIN, SERVICE_PLUGINS, BASE_MAC, API_WORKERS,
                STATE_PATH, GLOBAL_PHYSNET_MTU, MAX_DNS_NAMESERVERS, MAX_SUBNET_HOST_ROUTES, MAX_FIXED_IPS_PER_PORT, MAX_REQUEST_BODY_SIZE,
                PAGINATION_MAX_LIMIT, TRANSPORT_URL, DATABASE_CONNECTION, DATABASE_MAX_POOL_SIZE,
                QUOTA_NETWORK, QUOTA_SUBNET, QUOTA_PORT);
    }
}
