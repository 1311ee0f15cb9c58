package org.neutrino.server.plugins.ml2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.callbacks.CallbackRegistry;
import org.neutrino.server.callbacks.Event;
import org.neutrino.server.callbacks.Resources;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.OwnServerTest;

/**
 * The core resources publish their events as other plugins rely on: in order, with the states
 * and the transaction; a refusal in BEFORE or PRECOMMIT changes nothing.
 */
class CoreEventsTest extends OwnServerTest {
    static final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void subscribe() {
        CallbackRegistry callbacks = server.server().callbacks();
        for (String resource : List.of(Resources.NETWORK, Resources.SUBNET, Resources.PORT)) {
            for (Event event : Event.values()) {
                callbacks.subscribe(resource, event, e -> {
                    assertThat(e.handle() != null).isEqualTo(event.inTransaction());
                    if (e.latest() != null && ("refuse at " + event).equals(e.latest().get("name"))) {
                        throw NeutronException.conflict("Refused", "refused at " + event);
                    }
                    seen.add(resource + " " + event + (e.original() != null ? " original" : "") + (e.latest() != null ? " latest" : ""));
                });
            }
        }
    }

    private static String create(String collection, Map<String, Object> body) {
        ApiClient.Response response = admin.post("/v2.0/" + collection, body);
        assertThat(response.status()).as("%s", response.body()).isEqualTo(201);
        return response.body().elements().next().get("id").asText();
    }

    @Test
    void aNetworkWithItsSubnetAndPortsPublishesEveryPhase() {
        seen.clear();
        String net = create("networks", Map.of("network", Map.of("name", "events")));
        assertThat(seen).containsExactly("network BEFORE_CREATE latest", "network PRECOMMIT_CREATE latest", "network AFTER_CREATE latest");

        seen.clear();
        create("subnets", Map.of("subnet", Map.of("network_id", net, "ip_version", 4, "cidr", "10.77.0.0/24")));
        String port = create("ports", Map.of("port", Map.of("network_id", net)));
        assertThat(admin.put("/v2.0/ports/" + port, Map.of("port", Map.of("name", "renamed"))).status()).isEqualTo(200);
        assertThat(seen).containsExactly("subnet BEFORE_CREATE latest", "subnet PRECOMMIT_CREATE latest", "subnet AFTER_CREATE latest",
                "port BEFORE_CREATE latest", "port PRECOMMIT_CREATE latest", "port AFTER_CREATE latest",
                "port BEFORE_UPDATE latest", "port PRECOMMIT_UPDATE original latest", "port AFTER_UPDATE original latest");

        seen.clear();
        assertThat(admin.delete("/v2.0/ports/" + port).status()).isEqualTo(204);
        assertThat(admin.delete("/v2.0/networks/" + net).status()).isEqualTo(204);
        assertThat(seen).containsExactly("port BEFORE_DELETE", "port PRECOMMIT_DELETE original", "port AFTER_DELETE original",
                "network BEFORE_DELETE", "network PRECOMMIT_DELETE original",
                "subnet PRECOMMIT_DELETE original", "subnet AFTER_DELETE original", "network AFTER_DELETE original");
    }

    @Test
    void aRefusalBeforeOrInsideTheTransactionChangesNothing() {
        int before = admin.get("/v2.0/networks").body().get("networks").size();
        for (String phase : List.of("BEFORE_CREATE", "PRECOMMIT_CREATE")) {
            ApiClient.Response refused = admin.post("/v2.0/networks", Map.of("network", Map.of("name", "refuse at " + phase)));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body().at("/NeutronError/message").asText()).isEqualTo("refused at " + phase);
        }
        assertThat(admin.get("/v2.0/networks").body().get("networks")).hasSize(before);

        String net = create("networks", Map.of("network", Map.of("name", "kept")));
        seen.clear();
        ApiClient.Response update = admin.put("/v2.0/networks/" + net, Map.of("network", Map.of("name", "refuse at PRECOMMIT_UPDATE")));
        assertThat(update.status()).isEqualTo(409);
        assertThat(admin.get("/v2.0/networks/" + net).body().at("/network/name").asText()).isEqualTo("kept");
        assertThat(seen).containsExactly("network BEFORE_UPDATE latest");
    }
}
