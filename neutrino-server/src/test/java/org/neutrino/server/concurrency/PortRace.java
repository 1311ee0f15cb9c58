package org.neutrino.server.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.neutrino.lib.net.Cidr;
import org.neutrino.lib.net.IpAddress;
import org.neutrino.server.testing.ApiClient;

/**
 * Many clients creating ports on one network at the same time until its pool is exhausted,
 * each on its own virtual thread, all released at once. Every answer is kept: the ports
 * acknowledged with 201 and the status and error type of every other answer.
 */
final class PortRace {
    private PortRace() {
    }

    /** A non-2xx answer, and when it came back (on the race's event counter). */
    record Failure(int status, String type, String body, long answeredAt) {
    }

    /** A 201: the port, which API acknowledged it (index), and when its request was sent (on the race's event counter). */
    record Created(JsonNode port, int api, long sentAt) {
    }

    /**
     * What the race produced.
     *
     * @param created  every 201
     * @param failures every other answer
     */
    record Outcome(List<Created> created, List<Failure> failures) {
    }

    /**
     * Runs {@code clients} clients (client {@code i} talks to {@code apis.get(i % apis.size())})
     * that create ports on {@code networkId} until each has been refused once; a client stops
     * at its first refusal, whatever it is, so a wrong answer cannot be hidden by later ones.
     */
    static Outcome run(List<ApiClient> apis, String networkId, int clients) throws Exception {
        List<Created> created = Collections.synchronizedList(new ArrayList<>());
        AtomicLong events = new AtomicLong();
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                int apiIndex = i % apis.size();
                ApiClient api = apis.get(apiIndex);
                done.add(threads.submit(() -> {
                    go.await();
                    while (true) {
                        long sentAt = events.incrementAndGet();
                        ApiClient.Response r = api.post("/v2.0/ports", Map.of("port", Map.of("network_id", networkId)));
                        long answeredAt = events.incrementAndGet();
                        if (r.status() == 201) {
                            created.add(new Created(r.body().get("port"), apiIndex, sentAt));
                        } else {
                            failures.add(new Failure(r.status(), r.errorType(), String.valueOf(r.body()), answeredAt));
                            return null;
                        }
                    }
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        }
        return new Outcome(List.copyOf(created), List.copyOf(failures));
    }

    /**
     * The race is correct: exactly {@code poolSize} ports, each with a distinct address inside
     * {@code cidr} and a distinct MAC, every refusal a 409 {@code IpAddressGenerationFailure}
     * (one per client) and none before the pool was really empty (no port created by a request
     * sent after a refusal came back), and the network's port list is exactly the acknowledged
     * ports.
     */
    static void assertExhaustedCorrectly(Outcome outcome, int clients, int poolSize, Cidr cidr, JsonNode listedPorts) {
        assertThat(outcome.failures()).as("refusals").hasSize(clients)
                .allSatisfy(f -> assertThat(f.status() + " " + f.type()).as(f.body()).isEqualTo("409 IpAddressGenerationFailure"));
        assertThat(outcome.created()).as("ports acknowledged").hasSize(poolSize);
        long firstRefusal = outcome.failures().stream().mapToLong(Failure::answeredAt).min().orElseThrow();
        assertThat(outcome.created()).as("ports created by requests sent after the first refusal came back")
                .noneMatch(c -> c.sentAt() > firstRefusal);
        Set<String> ips = new HashSet<>();
        Set<String> macs = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode port : outcome.created().stream().map(Created::port).toList()) {
            assertThat(port.get("fixed_ips")).as("fixed_ips of %s", port).hasSize(1);
            String ip = port.get("fixed_ips").get(0).get("ip_address").asText();
            assertThat(cidr.contains(IpAddress.parse(ip))).as("%s in %s", ip, cidr).isTrue();
            assertThat(ips.add(ip)).as("address %s given twice", ip).isTrue();
            assertThat(macs.add(port.get("mac_address").asText())).as("MAC %s given twice", port.get("mac_address")).isTrue();
            ids.add(port.get("id").asText());
        }
        Set<String> listedIds = new HashSet<>();
        Set<String> listedIps = new HashSet<>();
        for (JsonNode port : listedPorts) {
            listedIds.add(port.get("id").asText());
            port.get("fixed_ips").forEach(f -> listedIps.add(f.get("ip_address").asText()));
        }
        assertThat(listedPorts).as("listed ports").hasSize(poolSize);
        assertThat(listedIds).as("listed ports are the acknowledged ones").isEqualTo(ids);
        assertThat(listedIps).as("listed addresses are the acknowledged ones").isEqualTo(ips);
    }
}
