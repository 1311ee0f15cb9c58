package org.neutrino.server.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neutrino.lib.net.Cidr;
import org.neutrino.lib.net.IpAddress;
import org.neutrino.server.testing.ApiClient;

/**
 * The server, in its own process, is killed with SIGKILL while writers are creating networks,
 * subnets and ports, renaming, tagging and deleting ports; restarted on the same state, it must
 * hold exactly what it acknowledged: every acknowledged resource with its id, addresses, MAC and
 * at least the acknowledged revision, no acknowledged deletion undone, and address allocation
 * and quota usage consistent with what is there. On the embedded H2 (the database file in the
 * state path), and on PostgreSQL when {@code NEUTRINO_TEST_PG_URL} is set.
 */
class KillNineDurabilityTest {
    private static final int WRITERS = 4;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 250;
    private static final int PORTS_PER_NETWORK = 12;
    private static final String PROJECT = "durable";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void everythingAcknowledgedSurvivesKillNine(String database, @TempDir Path state) throws Exception {
        PostgresTestDatabase pg = database.equals("postgresql") ? PostgresTestDatabase.create() : null;
        String connection = pg == null ? "" : pg.connection();
        Acknowledged acked = new Acknowledged();
        try {
            try (ServerProcess server = ServerProcess.start(state, connection);
                 ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    running.add(writers.submit(() -> write(server.member(PROJECT), writer, acked)));
                }
                Awaitility.await().atMost(120, TimeUnit.SECONDS).pollInterval(5, TimeUnit.MILLISECONDS)
                        .until(() -> acked.count.get() >= ACKNOWLEDGED_BEFORE_KILL || running.stream().allMatch(Future::isDone));
                assertThat(acked.unexpected).as("answers other than 2xx before the kill").isEmpty();
                assertThat(running).as("writers still running at the kill").noneMatch(Future::isDone);
                server.kill9();
                for (Future<?> f : running) {
                    f.get(90, TimeUnit.SECONDS);
                }
            }
            assertThat(acked.unexpected).as("answers other than 2xx before the kill").isEmpty();
            assertThat(acked.ports.values()).as("port updates acknowledged").anyMatch(p -> !p.name.isEmpty());
            assertThat(acked.ports.values()).as("port deletions acknowledged").anyMatch(p -> p.deleted);

            try (ServerProcess restarted = ServerProcess.start(state, connection)) {
                verify(restarted, acked);
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    /** Creates networks with a subnet and ports, renames, tags and deletes ports, until the server is gone. */
    private static void write(ApiClient api, int writer, Acknowledged acked) {
        try {
            for (int n = 0; ; n++) {
                JsonNode network = expect(api.post("/v2.0/networks", Map.of("network", Map.of("name", "dur-" + writer + "-" + n))),
                        201, acked, "network");
                if (network == null) {
                    return;
                }
                String networkId = network.get("id").asText();
                acked.networks.put(networkId, new Acknowledged.Created(networkId, networkId, null, network.get("revision_number").asLong()));
                acked.count.incrementAndGet();
                String cidr = "10." + (60 + writer) + "." + n + ".0/24";
                JsonNode subnet = expect(api.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", networkId, "ip_version", 4,
                        "cidr", cidr))), 201, acked, "subnet");
                if (subnet == null) {
                    return;
                }
                acked.subnets.put(subnet.get("id").asText(), new Acknowledged.Created(subnet.get("id").asText(), networkId, cidr,
                        subnet.get("revision_number").asLong()));
                acked.count.incrementAndGet();
                List<Acknowledged.Port> mine = new ArrayList<>();
                for (int p = 0; p < PORTS_PER_NETWORK; p++) {
                    JsonNode port = expect(api.post("/v2.0/ports", Map.of("port", Map.of("network_id", networkId))), 201, acked, "port");
                    if (port == null) {
                        return;
                    }
                    Set<String> ips = new TreeSet<>();
                    port.get("fixed_ips").forEach(f -> ips.add(f.get("ip_address").asText()));
                    Acknowledged.Port state = new Acknowledged.Port(port.get("id").asText(), networkId, port.get("mac_address").asText(),
                            ips, port.get("revision_number").asLong());
                    port.get("tags").forEach(t -> state.tags.add(t.asText()));
                    acked.ports.put(state.id, state);
                    mine.add(state);
                    acked.count.incrementAndGet();
                    if (p % 2 == 0 && !addTag(api, state, "even", acked)) {
                        return;
                    }
                    if (p % 3 == 1 && !rename(api, state, "renamed-" + p, acked)) {
                        return;
                    }
                    if (p % 4 == 2 && !addTag(api, state, "extra", acked)) {
                        return;
                    }
                    if (p % 5 == 4 && !delete(api, mine.get(p - 2), acked)) {
                        return;
                    }
                }
            }
        } catch (UncheckedIOException serverGone) {
            // the kill: whatever was in flight stays pending
        }
    }

    private static boolean rename(ApiClient api, Acknowledged.Port port, String name, Acknowledged acked) {
        port.pendingName = name;
        JsonNode updated = expect(api.put("/v2.0/ports/" + port.id, Map.of("port", Map.of("name", name))), 200, acked, "port");
        if (updated == null) {
            return false;
        }
        port.name = name;
        port.revision = updated.get("revision_number").asLong();
        port.pendingName = null;
        acked.count.incrementAndGet();
        return true;
    }

    private static boolean addTag(ApiClient api, Acknowledged.Port port, String tag, Acknowledged acked) {
        port.pendingTag = tag;
        if (expect(api.put("/v2.0/ports/" + port.id + "/tags/" + tag, null), 201, acked, null) == null) {
            return false;
        }
        port.tags.add(tag);
        port.revision++;
        port.pendingTag = null;
        acked.count.incrementAndGet();
        return true;
    }

    private static boolean delete(ApiClient api, Acknowledged.Port port, Acknowledged acked) {
        port.deletePending = true;
        if (expect(api.delete("/v2.0/ports/" + port.id), 204, acked, null) == null) {
            return false;
        }
        port.deleted = true;
        port.deletePending = false;
        acked.count.incrementAndGet();
        return true;
    }

    /** The member {@code key} of the body (or the body) when the status is as expected; {@code null} after recording it otherwise. */
    private static JsonNode expect(ApiClient.Response r, int status, Acknowledged acked, String key) {
        if (r.status() != status) {
            acked.unexpected.add(r.status() + " " + r.body());
            return null;
        }
        return key == null ? (r.body() == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : r.body()) : r.body().get(key);
    }

    private static void verify(ServerProcess server, Acknowledged acked) {
        ApiClient api = server.member(PROJECT);
        Map<String, JsonNode> networks = byId(api.get("/v2.0/networks").body().get("networks"));
        Map<String, JsonNode> subnets = byId(api.get("/v2.0/subnets").body().get("subnets"));
        Map<String, JsonNode> ports = byId(api.get("/v2.0/ports").body().get("ports"));

        for (Acknowledged.Created network : acked.networks.values()) {
            assertThat(networks).as("acknowledged network %s", network.id()).containsKey(network.id());
            assertThat(networks.get(network.id()).get("revision_number").asLong()).isGreaterThanOrEqualTo(network.revision());
        }
        for (Acknowledged.Created subnet : acked.subnets.values()) {
            assertThat(subnets).as("acknowledged subnet %s", subnet.id()).containsKey(subnet.id());
            assertThat(subnets.get(subnet.id()).get("cidr").asText()).isEqualTo(subnet.cidr());
            assertThat(subnets.get(subnet.id()).get("network_id").asText()).isEqualTo(subnet.networkId());
        }
        for (Acknowledged.Port port : acked.ports.values()) {
            if (port.deleted) {
                assertThat(ports).as("port %s whose deletion was acknowledged", port.id).doesNotContainKey(port.id);
                continue;
            }
            if (port.deletePending && !ports.containsKey(port.id)) {
                continue;
            }
            assertThat(ports).as("acknowledged port %s", port.id).containsKey(port.id);
            JsonNode found = ports.get(port.id);
            assertThat(found.get("mac_address").asText()).as("MAC of %s", port.id).isEqualTo(port.mac);
            assertThat(found.get("network_id").asText()).isEqualTo(port.networkId);
            Set<String> ips = new TreeSet<>();
            found.get("fixed_ips").forEach(f -> ips.add(f.get("ip_address").asText()));
            assertThat(ips).as("addresses of %s", port.id).isEqualTo(port.ips);
            assertThat(found.get("revision_number").asLong()).as("revision of %s", port.id).isGreaterThanOrEqualTo(port.revision);
            Set<String> names = new HashSet<>();
            names.add(port.name);
            if (port.pendingName != null) {
                names.add(port.pendingName);
            }
            assertThat(found.get("name").asText()).as("name of %s", port.id).isIn(names);
            Set<String> tags = new TreeSet<>();
            found.get("tags").forEach(t -> tags.add(t.asText()));
            Set<String> possible = new TreeSet<>(port.tags);
            if (port.pendingTag != null) {
                possible.add(port.pendingTag);
            }
            assertThat(tags).as("tags of %s", port.id).containsAll(port.tags).isSubsetOf(possible);
        }
        assertThat(ports.keySet()).as("ports that were never asked for")
                .allMatch(id -> acked.ports.containsKey(id) || ports.get(id).get("name").asText().isEmpty());

        // Allocation state agrees with what is stored: a new port on every subnet gets a free address.
        Set<String> held = new HashSet<>();
        ports.values().forEach(p -> p.get("fixed_ips").forEach(f -> assertThat(held.add(f.get("ip_address").asText()))
                .as("address %s held twice", f.get("ip_address")).isTrue()));
        int created = 0;
        for (Acknowledged.Created subnet : acked.subnets.values()) {
            ApiClient.Response r = api.post("/v2.0/ports", Map.of("port", Map.of("network_id", subnet.networkId())));
            assertThat(r.status()).as("new port after restart: %s", r.body()).isEqualTo(201);
            String ip = r.body().at("/port/fixed_ips/0/ip_address").asText();
            assertThat(Cidr.parse(subnet.cidr()).contains(IpAddress.parse(ip))).isTrue();
            assertThat(held.add(ip)).as("address %s given again after restart", ip).isTrue();
            created++;
        }
        ApiClient.Response details = server.admin().get("/v2.0/quotas/" + PROJECT + "/details");
        assertThat(details.status()).as(String.valueOf(details.body())).isEqualTo(200);
        assertThat(details.body().at("/quota/port/used").asInt()).as("port quota usage").isEqualTo(ports.size() + created);
        assertThat(details.body().at("/quota/network/used").asInt()).as("network quota usage").isEqualTo(networks.size());
    }

    private static Map<String, JsonNode> byId(JsonNode list) {
        Map<String, JsonNode> out = new HashMap<>();
        list.forEach(item -> out.put(item.get("id").asText(), item));
        return out;
    }
}
