package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.neutrino.server.api.contract.Api.ids;
import static org.neutrino.server.api.contract.Api.link;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.api.AttributeDef;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.server.api.ResourceHandler;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * The list property, for every collection the server serves (taken from the running server's
 * resource handlers, so a collection added later is covered as soon as it has a seeder here;
 * without one this test fails): several projects own private and shared resources; random
 * filters (filterable attributes, values taken from existing rows), one to three sort keys and
 * directions, limits, markers and {@code page_reverse}, asked as admin, member and reader. Then:
 * <ul>
 *   <li>the admin's unpaged list holds exactly the rows matching the filters, in the order of
 *       the sort keys (checked where the order does not depend on the database's collation);</li>
 *   <li>a caller's unpaged list is the admin's list restricted to the rows the caller may show
 *       (GET of each row decides), in the same order: no row of another project, no gap;</li>
 *   <li>walking the {@code next} links from the first page, and the {@code previous} links from
 *       the last one ({@code page_reverse} without marker), yields exactly that list, each page
 *       with Neutron's links; a marker gives the rows right after (before) it; a marker the caller
 *       may not see answers 404 like a nonexistent one;</li>
 *   <li>filters and sort keys on attributes the caller may not read are refused with 400.</li>
 * </ul>
 * Seeded: {@code -Dneutrino.lists.seed=N} gives the same data and queries again (the server's ids
 * differ), {@code -Dneutrino.lists.queries=N} asks more; every assertion names the seed, the query
 * and the caller.
 */
class ListPagingPropertyTest {
    private static final long SEED = Long.getLong("neutrino.lists.seed", 20261202L);
    private static final int QUERIES = Integer.getInteger("neutrino.lists.queries", 45);
    private static final List<Integer> LIMITS = List.of(1, 2, 3, 4, 5, 7);

    /** Creates the rows of one collection through the API; seeders run in this order. */
    private static final Map<String, Seeder> SEEDERS = new LinkedHashMap<>();

    static {
        SEEDERS.put("networks", World::seedNetworks);
        SEEDERS.put("subnets", World::seedSubnets);
        SEEDERS.put("ports", World::seedPorts);
        SEEDERS.put("security_groups", World::seedSecurityGroups);
        SEEDERS.put("address_groups", World::seedAddressGroups);
        SEEDERS.put("security_group_rules", World::seedSecurityGroupRules);
        SEEDERS.put("address_scopes", World::seedAddressScopes);
        SEEDERS.put("subnetpools", World::seedSubnetPools);
        SEEDERS.put("routers", World::seedRouters);
        SEEDERS.put("floatingips", World::seedFloatingIps);
    }

    @FunctionalInterface
    private interface Seeder {
        void seed(World world);
    }

    @Test
    void everyWalkThroughThePagesYieldsTheVisibleFilteredSortedList() throws Exception {
        System.out.println("ListPagingPropertyTest: seed=" + SEED + " queries=" + QUERIES
                + " (rerun with -Dneutrino.lists.seed=" + SEED + ")");
        try (TestServer server = TestServer.start()) {
            List<ResourceHandler> handlers = server.server().resourceHandlers();
            List<String> missing = handlers.stream().map(h -> h.definition().collection()).filter(c -> !SEEDERS.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                fail("No data seeder for collection(s) " + missing + ": add one to ListPagingPropertyTest.SEEDERS, so that "
                        + "their lists are checked like every other collection's");
            }
            Random random = new Random(SEED);
            World world = new World(server, random);
            SEEDERS.values().forEach(seeder -> seeder.seed(world));
            List<Collection> collections = new ArrayList<>();
            for (ResourceHandler handler : handlers) {
                collections.add(new Collection(handler, world));
            }
            for (int n = 0; n < QUERIES; n++) {
                Collection collection = collections.get(random.nextInt(collections.size()));
                Caller caller = world.callers.get(random.nextInt(world.callers.size()));
                collection.check(new Query(n, collection, caller, random));
            }
        }
    }

    /** Who asks: a client and a name for messages. */
    private record Caller(String name, ApiClient client, boolean admin) {
    }

    /** The projects, callers and everything the seeders created. */
    private static final class World {
        final Random random;
        final ApiClient admin;
        final List<String> projects;
        final List<Caller> callers;
        /** Network id → owner project, and the shared ones. */
        final Map<String, String> networks = new LinkedHashMap<>();
        final Set<String> sharedNetworks = new LinkedHashSet<>();
        /** Address scope id → its IP version. */
        final Map<String, Integer> addressScopes = new LinkedHashMap<>();

        World(TestServer server, Random random) {
            this.random = random;
            this.admin = server.admin();
            this.projects = List.of(projectId(), projectId(), projectId());
            this.callers = List.of(new Caller("admin", admin, true),
                    new Caller("member of A", server.member(projects.get(0)), false),
                    new Caller("reader of A", server.client(projects.get(0), "reader"), false),
                    new Caller("member of B", server.member(projects.get(1)), false),
                    new Caller("member of C", server.member(projects.get(2)), false));
        }

        /** A Keystone-style project id: 32 hex digits, so that ids of projects sort alike on every database. */
        private String projectId() {
            return new UUID(random.nextLong(), random.nextLong()).toString().replace("-", "");
        }

        <T> T pick(List<T> options) {
            return options.get(random.nextInt(options.size()));
        }

        /** Two private networks per project, a shared one of A, of B and of the admin, and a private admin network. */
        void seedNetworks() {
            for (String project : projects) {
                for (int i = 0; i < 2; i++) {
                    createNetwork(project, false);
                }
            }
            createNetwork(projects.get(0), true);
            createNetwork(projects.get(1), true);
            createNetwork(admin.projectId(), true);
            createNetwork(admin.projectId(), false);
        }

        private void createNetwork(String project, boolean shared) {
            JsonNode network = Api.network(admin, "project_id", project, "shared", shared, "name", pick(NAMES),
                    "description", pick(List.of("", "web", "db")), "admin_state_up", random.nextInt(4) > 0,
                    "mtu", pick(List.of(1400, 1450, 1500)));
            networks.put(network.get("id").asText(), project);
            if (shared) {
                sharedNetworks.add(network.get("id").asText());
            }
        }

        /** One or two subnets on every network (IPv4 with and without gateway or DHCP, IPv6 modes), one of B on A's shared network. */
        void seedSubnets() {
            int block = 0;
            for (Map.Entry<String, String> network : networks.entrySet()) {
                int count = random.nextInt(3) == 0 ? 2 : 1;
                for (int i = 0; i < count; i++) {
                    createSubnet(network.getKey(), network.getValue(), block++);
                }
            }
            String sharedOfA = sharedNetworks.iterator().next();
            createSubnet(sharedOfA, projects.get(1), block);
        }

        private void createSubnet(String networkId, String project, int block) {
            List<Object> attributes = new ArrayList<>(List.of("project_id", project, "name", pick(NAMES)));
            String cidr;
            switch (random.nextInt(5)) {
                case 0 -> {
                    cidr = "2001:db8:" + Integer.toHexString(block) + "::/64";
                    String mode = pick(List.of("slaac", "dhcpv6-stateless"));
                    attributes.addAll(List.of("ipv6_ra_mode", mode, "ipv6_address_mode", mode));
                }
                case 1 -> {
                    cidr = "10.90." + block + ".0/24";
                    attributes.addAll(Arrays.asList("gateway_ip", null));
                }
                case 2 -> {
                    cidr = "10.90." + block + ".0/24";
                    attributes.addAll(List.of("enable_dhcp", false));
                }
                default -> cidr = "10.90." + block + ".0/24";
            }
            Api.subnet(admin, networkId, cidr, attributes.toArray());
        }

        /** Ports of the network owners, and of other projects on shared networks, some bound to hosts. */
        void seedPorts() {
            for (Map.Entry<String, String> network : networks.entrySet()) {
                int count = random.nextInt(2);
                for (int i = 0; i < count; i++) {
                    createPort(network.getKey(), network.getValue());
                }
            }
            List<String> shared = new ArrayList<>(sharedNetworks);
            createPort(shared.get(0), projects.get(1));
            createPort(shared.get(0), projects.get(2));
            createPort(shared.get(2), projects.get(2));
            createPort(shared.get(1), projects.get(0));
        }

        private void createPort(String networkId, String project) {
            Api.port(admin, networkId, "project_id", project, "name", pick(NAMES),
                    "device_owner", pick(List.of("", "", "compute:nova", "network:router_interface")),
                    "device_id", pick(List.of("", "vm-1", "vm-2")), "admin_state_up", random.nextInt(4) > 0,
                    "binding:host_id", pick(List.of("", "", "host-1", "host-2")));
        }

        /** Security group id → owner project. */
        final Map<String, String> securityGroups = new LinkedHashMap<>();

        /**
         * Two groups per project, stateful or not (the admin making them also makes each
         * project's default group, so that no list of the checks makes one later).
         */
        void seedSecurityGroups() {
            for (String project : projects) {
                for (int i = 0; i < 2; i++) {
                    JsonNode group = Api.created(admin.post("/v2.0/security-groups", Api.wrap("security_group", Api.map(
                            "project_id", project, "name", pick(NAMES), "description", pick(List.of("", "web")),
                            "stateful", random.nextInt(3) > 0))), "security_group");
                    securityGroups.put(group.get("id").asText(), project);
                }
            }
        }

        /** Address group id → owner project. */
        final Map<String, String> addressGroups = new LinkedHashMap<>();

        /** One to three address groups per project and one of the admin, with zero to two addresses. */
        void seedAddressGroups() {
            List<String> owners = new ArrayList<>(projects);
            owners.add(admin.projectId());
            int block = 0;
            for (String project : owners) {
                for (int i = project.equals(admin.projectId()) ? 1 : 1 + random.nextInt(3); i > 0; i--) {
                    List<String> addresses = new ArrayList<>();
                    for (int n = random.nextInt(3); n > 0; n--) {
                        addresses.add("10." + (150 + block++) + ".0.0/16");
                    }
                    JsonNode group = Api.created(admin.post("/v2.0/address-groups", Api.wrap("address_group", Api.map(
                            "project_id", project, "name", pick(NAMES), "description", pick(List.of("", "dns")),
                            "addresses", addresses))), "address_group");
                    addressGroups.put(group.get("id").asText(), project);
                }
            }
        }

        /**
         * Rules of several protocols, ranges and remotes (prefixes, address groups) in every group, each
         * told apart by its port; some of the admin's in the projects' groups.
         */
        void seedSecurityGroupRules() {
            int port = 1000;
            for (Map.Entry<String, String> group : securityGroups.entrySet()) {
                for (int i = 1 + random.nextInt(2); i > 0; i--) {
                    String owner = random.nextInt(5) == 0 ? admin.projectId() : group.getValue();
                    List<Object> rule = new ArrayList<>(List.of("security_group_id", group.getKey(), "project_id", owner,
                            "direction", pick(List.of("ingress", "egress")), "ethertype", "IPv4"));
                    switch (random.nextInt(5)) {
                        case 0 -> rule.addAll(List.of("protocol", "tcp", "port_range_min", port, "port_range_max", port + random.nextInt(3)));
                        case 1 -> rule.addAll(List.of("protocol", "udp", "port_range_min", port, "port_range_max", port,
                                "remote_ip_prefix", pick(List.of("10.0.0.0/8", "192.0.2.0/24"))));
                        case 2 -> rule.addAll(List.of("protocol", "icmp", "port_range_min", port % 256));
                        case 3 -> rule.addAll(List.of("protocol", "udp", "port_range_min", port, "port_range_max", port,
                                "remote_address_group_id", pick(addressGroups.entrySet().stream()
                                        .filter(e -> e.getValue().equals(group.getValue())).map(Map.Entry::getKey).toList())));
                        default -> rule.addAll(List.of("protocol", "gre", "description", pick(NAMES),
                                "remote_ip_prefix", "10." + port % 256 + ".0.0/16"));
                    }
                    port += 3;
                    Api.created(admin.post("/v2.0/security-group-rules", Api.wrap("security_group_rule", Api.map(rule.toArray()))),
                            "security_group_rule");
                }
            }
        }

        /** Address scopes: two private ones per project (IPv4 and IPv6 at random), a shared one of A and of the admin. */
        void seedAddressScopes() {
            for (String project : projects) {
                for (int i = 0; i < 2; i++) {
                    createAddressScope(project, false);
                }
            }
            createAddressScope(projects.get(0), true);
            createAddressScope(admin.projectId(), true);
            createAddressScope(admin.projectId(), false);
        }

        private void createAddressScope(String project, boolean shared) {
            int version = random.nextBoolean() ? 4 : 6;
            JsonNode scope = Api.created(admin.post("/v2.0/address-scopes", Api.map("address_scope", Api.map("project_id", project,
                    "shared", shared, "name", pick(NAMES), "ip_version", version))), "address_scope");
            addressScopes.put(scope.get("id").asText(), version);
        }

        /**
         * Subnet pools: two private ones per project, a shared one of A and of B, the admin's shared
         * default IPv4 pool; some in an address scope of their IP version, with varied prefix lengths and quotas.
         */
        void seedSubnetPools() {
            int block = 0;
            for (String project : projects) {
                for (int i = 0; i < 2; i++) {
                    createSubnetPool(project, false, false, block++);
                }
            }
            createSubnetPool(projects.get(0), true, false, block++);
            createSubnetPool(projects.get(1), true, false, block++);
            createSubnetPool(admin.projectId(), true, true, block);
        }

        private void createSubnetPool(String project, boolean shared, boolean isDefault, int block) {
            int version = isDefault || random.nextBoolean() ? 4 : 6;
            List<Object> attributes = new ArrayList<>(List.of("project_id", project, "shared", shared, "is_default", isDefault,
                    "name", pick(NAMES.subList(0, 5)), "description", pick(List.of("", "lab")),
                    "prefixes", List.of(version == 4 ? "10." + (100 + block) + ".0.0/16" : "2001:db8:" + Integer.toHexString(block) + "::/48"),
                    "min_prefixlen", version == 4 ? pick(List.of(8, 16)) : 48, "default_prefixlen", version == 4 ? pick(List.of(24, 26)) : 64));
            if (random.nextBoolean()) {
                attributes.addAll(List.of("default_quota", pick(List.of(0, 256, 1024))));
            }
            List<String> scopes = addressScopes.entrySet().stream().filter(e -> e.getValue() == version).map(Map.Entry::getKey).toList();
            if (!scopes.isEmpty() && random.nextBoolean()) {
                attributes.addAll(List.of("address_scope_id", pick(scopes)));
            }
            Api.created(admin.post("/v2.0/subnetpools", Api.map("subnetpool", Api.map(attributes.toArray()))), "subnetpool");
        }

        /** One to three routers per project and two of the admin, some down. */
        void seedRouters() {
            List<String> owners = new ArrayList<>(projects);
            owners.add(admin.projectId());
            for (String project : owners) {
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    Api.created(admin.post("/v2.0/routers", Api.wrap("router", Api.map("project_id", project, "name", pick(NAMES),
                            "description", pick(List.of("", "edge")), "admin_state_up", random.nextInt(4) > 0))), "router");
                }
            }
        }

        /** An external network of the admin and one to three floating IPs per project, some with descriptions. */
        void seedFloatingIps() {
            String external = Api.network(admin, "router:external", true, "name", "public").get("id").asText();
            Api.subnet(admin, external, "203.0.113.0/24");
            List<String> owners = new ArrayList<>(projects);
            owners.add(admin.projectId());
            for (String project : owners) {
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    Api.created(admin.post("/v2.0/floatingips", Api.wrap("floatingip", Api.map("project_id", project,
                            "floating_network_id", external, "description", pick(List.of("", "web", "db"))))), "floatingip");
                }
            }
        }

        private static final List<String> NAMES = List.of("amber", "blues", "coral", "amber", "delta", "");
    }

    /** One collection: its definition, every row as the admin sees it, and which rows each caller may show. */
    private static final class Collection {
        final ResourceHandler handler;
        final ResourceDef definition;
        final String name;
        final ApiClient admin;
        final Map<String, JsonNode> rows = new LinkedHashMap<>();
        final Map<Caller, Set<String>> visible = new LinkedHashMap<>();
        /** Attributes each caller can read: those shown in the rows it sees. */
        final Map<Caller, Set<String>> readable = new LinkedHashMap<>();

        Collection(ResourceHandler handler, World world) {
            this.handler = handler;
            this.definition = handler.definition();
            this.name = definition.collection();
            this.admin = world.admin;
            admin.get("/v2.0/" + definition.path()).body().get(name).forEach(row -> rows.put(row.get("id").asText(), row));
            Set<String> owners = new HashSet<>();
            rows.values().forEach(row -> owners.add(row.get("project_id").asText()));
            assertThat(owners).as("%s: the seeder must create rows of several projects", name).hasSizeGreaterThanOrEqualTo(3);
            for (Caller caller : world.callers) {
                Set<String> ids = new LinkedHashSet<>();
                Set<String> attributes = new HashSet<>();
                for (String id : rows.keySet()) {
                    ApiClient.Response shown = caller.client().get("/v2.0/" + definition.path() + "/" + id);
                    if (shown.status() == 200) {
                        ids.add(id);
                        shown.body().get(definition.member()).fieldNames().forEachRemaining(attributes::add);
                    } else {
                        assertThat(shown.status()).as("GET %s/%s as %s", name, id, caller.name()).isEqualTo(404);
                    }
                }
                assertThat(ids).as("%s: the seeder must give %s some rows to see", name, caller.name()).isNotEmpty();
                if (!caller.admin()) {
                    assertThat(ids).as("%s: the seeder must hide some rows from %s", name, caller.name()).hasSizeLessThan(rows.size());
                }
                visible.put(caller, ids);
                readable.put(caller, attributes);
            }
        }

        /** Runs one query through every check. */
        void check(Query q) {
            List<String> refused = q.unreadable(readable.get(q.caller));
            ApiClient client = q.caller.client();
            if (!refused.isEmpty()) {
                ApiClient.Response answer = client.get(q.path());
                assertThat(answer.status()).as("%s: %s may not read %s", q, q.caller.name(), refused).isEqualTo(400);
                assertThat(answer.errorType()).as("%s", q).isEqualTo("HTTPBadRequest");
                return;
            }
            List<String> expectedAdmin = new ArrayList<>();
            rows.values().stream().filter(q::matches).forEach(row -> expectedAdmin.add(row.get("id").asText()));
            List<JsonNode> adminRows = list(q, admin, q.path());
            List<String> adminIds = adminRows.stream().map(r -> r.get("id").asText()).toList();
            assertThat(adminIds).as("%s: the admin's unpaged list", q).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expectedAdmin);
            q.checkOrder(adminRows);
            List<String> expected = adminIds.stream().filter(visible.get(q.caller)::contains).toList();
            List<String> unpaged = list(q, client, q.path()).stream().map(r -> r.get("id").asText()).toList();
            assertThat(unpaged).as("%s: the unpaged list of %s is the admin's, restricted to what it may show", q, q.caller.name())
                    .containsExactlyElementsOf(expected);
            walkForward(q, expected);
            walkBackward(q, expected);
            probeMarkers(q, expected);
        }

        private List<JsonNode> list(Query q, ApiClient client, String path) {
            ApiClient.Response answer = client.get(path);
            assertThat(answer.status()).as("%s: GET %s: %s", q, path, answer.body()).isEqualTo(200);
            List<JsonNode> out = new ArrayList<>();
            answer.body().get(name).forEach(out::add);
            return out;
        }

        /** From the first page along the {@code next} links. */
        private void walkForward(Query q, List<String> expected) {
            List<String> seen = new ArrayList<>();
            String path = q.path("limit=" + q.limit);
            for (int pages = 0; path != null; pages++) {
                assertThat(pages).as("%s: too many pages forward", q).isLessThanOrEqualTo(expected.size() / q.limit + 1);
                JsonNode page = page(q, path, false);
                seen.addAll(ids(page.get(name)));
                path = link(page.get(name + "_links"), "next");
            }
            assertThat(seen).as("%s: pages forward by limit %d", q, q.limit).containsExactlyElementsOf(expected);
        }

        /** From the last page ({@code page_reverse} without marker) along the {@code previous} links. */
        private void walkBackward(Query q, List<String> expected) {
            List<String> seen = new ArrayList<>();
            String path = q.path("limit=" + q.limit, "page_reverse=True");
            for (int pages = 0; path != null; pages++) {
                assertThat(pages).as("%s: too many pages backward", q).isLessThanOrEqualTo(expected.size() / q.limit + 1);
                JsonNode page = page(q, path, true);
                seen.addAll(0, ids(page.get(name)));
                path = link(page.get(name + "_links"), "previous");
            }
            assertThat(seen).as("%s: pages backward by limit %d", q, q.limit).containsExactlyElementsOf(expected);
        }

        /** A page, checked against Neutron's link rules. */
        private JsonNode page(Query q, String path, boolean reverse) {
            ApiClient.Response answer = q.caller.client().get(path);
            assertThat(answer.status()).as("%s: GET %s: %s", q, path, answer.body()).isEqualTo(200);
            JsonNode body = answer.body();
            int size = body.get(name).size();
            assertThat(size).as("%s: GET %s", q, path).isLessThanOrEqualTo(q.limit);
            boolean shortPage = size < q.limit;
            assertThat(link(body.get(name + "_links"), "next") != null).as("%s: next link of GET %s", q, path)
                    .isEqualTo(!(shortPage && !reverse));
            assertThat(link(body.get(name + "_links"), "previous") != null).as("%s: previous link of GET %s", q, path)
                    .isEqualTo(!(shortPage && reverse));
            return body;
        }

        /** A visible marker gives the rows right after (before) it; an invisible one is not found. */
        private void probeMarkers(Query q, List<String> expected) {
            if (!expected.isEmpty()) {
                int i = q.random.nextInt(expected.size());
                String marker = expected.get(i);
                String after = q.path("limit=" + q.limit, "marker=" + marker);
                assertThat(ids(page(q, after, false).get(name))).as("%s: GET %s", q, after)
                        .containsExactlyElementsOf(expected.subList(i + 1, Math.min(expected.size(), i + 1 + q.limit)));
                String before = after + "&page_reverse=True";
                assertThat(ids(page(q, before, true).get(name))).as("%s: GET %s", q, before)
                        .containsExactlyElementsOf(expected.subList(Math.max(0, i - q.limit), i));
            }
            List<String> hidden = rows.keySet().stream().filter(id -> !visible.get(q.caller).contains(id)).toList();
            if (!hidden.isEmpty()) {
                String path = q.path("limit=" + q.limit, "marker=" + hidden.get(q.random.nextInt(hidden.size())));
                ApiClient.Response answer = q.caller.client().get(path);
                assertThat(answer.status()).as("%s: GET %s with a marker %s may not see", q, path, q.caller.name()).isEqualTo(404);
                assertThat(answer.errorType()).as("%s", q).isEqualTo(handler.notFoundType());
            }
        }
    }

    /** One random list request: filters, sort keys, limit, and who asks. */
    private static final class Query {
        final int number;
        final Caller caller;
        final Random random;
        final Map<String, List<String>> filters = new LinkedHashMap<>();
        final List<String[]> sorts = new ArrayList<>();
        final int limit;
        final String collection;

        Query(int number, Collection collection, Caller caller, Random random) {
            this.number = number;
            this.caller = caller;
            this.random = random;
            this.collection = collection.name;
            Map<String, List<String>> values = filterValues(collection);
            List<String> filterable = new ArrayList<>(values.keySet());
            int filterCount = Math.min(filterable.size(), random.nextInt(3));
            for (int i = 0; i < filterCount; i++) {
                String attribute = filterable.remove(random.nextInt(filterable.size()));
                List<String> options = values.get(attribute);
                List<String> chosen = new ArrayList<>();
                for (int v = 1 + random.nextInt(2); v > 0; v--) {
                    chosen.add(options.get(random.nextInt(options.size())));
                }
                filters.put(attribute, chosen);
            }
            List<String> sortable = new ArrayList<>(collection.definition.attributes().values().stream()
                    .filter(AttributeDef::sortable).map(AttributeDef::name).toList());
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                sorts.add(new String[] {sortable.remove(random.nextInt(sortable.size())), random.nextBoolean() ? "asc" : "desc"});
            }
            this.limit = LIMITS.get(random.nextInt(LIMITS.size()));
        }

        /** For each filterable attribute, the distinct scalar values the admin sees in the rows. */
        private static Map<String, List<String>> filterValues(Collection collection) {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (AttributeDef attribute : collection.definition.attributes().values()) {
                if (!attribute.filterable()) {
                    continue;
                }
                Set<String> values = new LinkedHashSet<>();
                for (JsonNode row : collection.rows.values()) {
                    JsonNode value = row.get(attribute.name());
                    if (value != null && value.isValueNode() && !value.isNull()) {
                        values.add(value.asText());
                    }
                }
                if (!values.isEmpty()) {
                    out.put(attribute.name(), new ArrayList<>(values));
                }
            }
            return out;
        }

        /** The filters and sort keys on attributes the caller cannot read. */
        List<String> unreadable(Set<String> readable) {
            List<String> out = new ArrayList<>();
            filters.keySet().stream().filter(a -> !readable.contains(a)).forEach(out::add);
            sorts.stream().map(s -> s[0]).filter(a -> !readable.contains(a)).forEach(out::add);
            return out;
        }

        boolean matches(JsonNode row) {
            for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
                JsonNode value = row.get(filter.getKey());
                if (value == null || value.isNull() || !filter.getValue().contains(value.asText())) {
                    return false;
                }
            }
            return true;
        }

        /** The request path with this query's filters and sort keys, then the {@code extra} parameters. */
        String path(String... extra) {
            List<String> params = new ArrayList<>();
            filters.forEach((attribute, values) -> values.forEach(value -> params.add(encode(attribute) + "=" + encode(value))));
            for (String[] sort : sorts) {
                params.add("sort_key=" + sort[0]);
                params.add("sort_dir=" + sort[1]);
            }
            params.addAll(List.of(extra));
            return "/v2.0/" + collection.replace('_', '-') + "?" + String.join("&", params);
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }

        /**
         * Consecutive rows are in the order of the sort keys, then the id, wherever two values
         * compare the same on every database (NULL first, numbers, booleans, strings that differ
         * only in lower-case letters and digits at the same places).
         */
        void checkOrder(List<JsonNode> rows) {
            List<String[]> keys = new ArrayList<>(sorts);
            if (sorts.stream().noneMatch(s -> s[0].equals("id"))) {
                keys.add(new String[] {"id", "asc"});
            }
            for (int i = 1; i < rows.size(); i++) {
                for (String[] key : keys) {
                    Integer order = compare(rows.get(i - 1).get(key[0]), rows.get(i).get(key[0]));
                    if (order == null) {
                        break;
                    }
                    if (order != 0) {
                        assertThat(key[1].equals("asc") ? order : -order).as("%s: rows %d and %d by %s %s", this, i - 1, i, key[0], key[1])
                                .isNegative();
                        break;
                    }
                }
            }
        }

        private static Integer compare(JsonNode a, JsonNode b) {
            boolean aNull = a == null || a.isNull();
            boolean bNull = b == null || b.isNull();
            if (aNull || bNull) {
                return Boolean.compare(!aNull, !bNull);
            }
            if (a.isNumber() && b.isNumber()) {
                return a.decimalValue().compareTo(b.decimalValue());
            }
            if (a.isBoolean() && b.isBoolean()) {
                return Boolean.compare(a.booleanValue(), b.booleanValue());
            }
            if (a.isTextual() && b.isTextual() && collationFree(a.asText(), b.asText())) {
                return Integer.signum(a.asText().compareTo(b.asText()));
            }
            return null;
        }

        private static boolean collationFree(String a, String b) {
            if (a.length() != b.length()) {
                return false;
            }
            for (int i = 0; i < a.length(); i++) {
                char x = a.charAt(i);
                char y = b.charAt(i);
                if (x != y && !(plain(x) && plain(y))) {
                    return false;
                }
            }
            return true;
        }

        private static boolean plain(char c) {
            return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
        }

        @Override
        public String toString() {
            return "seed " + SEED + ", query #" + number + " as " + caller.name() + ": " + path("limit=" + limit);
        }
    }
}
