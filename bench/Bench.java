/*
 * The Neutrino API benchmark driver: a single-file program for the JDK 21+ source launcher,
 * no dependencies (java.net.http). It talks to a running server with noauth headers, as one
 * project, and prints one Markdown table row per measurement.
 *
 *   java bench/Bench.java --url http://127.0.0.1:9696 [--label h2] [--fill 20000]
 *
 * Run it through bench/api-bench.sh, which starts the server and the database.
 */

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Bench {
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final String PROJECT = "bench";

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final String url;
    final String label;
    final List<String[]> rows = new ArrayList<>();
    int subnetCounter;

    Bench(String url, String label) {
        this.url = url;
        this.label = label;
    }

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:9696";
        String label = "";
        int fill = 20_000;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--label" -> label = args[i + 1];
                case "--fill" -> fill = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        new Bench(url, label).run(fill);
    }

    // ---- HTTP ----

    record Answer(int status, String body, long nanos) {
    }

    Answer call(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(120))
                .header("X-Project-Id", PROJECT).header("X-Roles", "member").header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), System.nanoTime() - start);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        }
    }

    Answer expect(int status, String method, String path, String json) {
        Answer a = call(method, path, json);
        if (a.status() != status) {
            throw new IllegalStateException(method + " " + path + " answered " + a.status() + ": " + a.body());
        }
        return a;
    }

    static String id(String body) {
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return m.group(1);
    }

    static int count(String body, String needle) {
        int n = 0;
        for (int i = body.indexOf(needle); i >= 0; i = body.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    /** A network with one IPv4 subnet {@code 10.X.0.0/prefix}; returns the network id. */
    String network(String name, int prefix) {
        String net = id(expect(201, "POST", "/v2.0/networks", "{\"network\":{\"name\":\"" + name + "\"}}").body());
        int second = ++subnetCounter;
        expect(201, "POST", "/v2.0/subnets", "{\"subnet\":{\"network_id\":\"" + net + "\",\"ip_version\":4,\"cidr\":\"10."
                + second + ".0.0/" + prefix + "\"}}");
        return net;
    }

    Answer createPort(String network) {
        return expect(201, "POST", "/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\"}}");
    }

    /** Creates {@code n} ports with bulk requests of 100, {@code threads} requests at a time. */
    List<String> bulkCreate(String network, int n, int threads) throws Exception {
        List<Callable<List<String>>> work = new ArrayList<>();
        for (int done = 0; done < n; done += 100) {
            int size = Math.min(100, n - done);
            work.add(() -> {
                StringBuilder body = new StringBuilder("{\"ports\":[");
                for (int i = 0; i < size; i++) {
                    body.append(i == 0 ? "" : ",").append("{\"network_id\":\"").append(network).append("\"}");
                }
                String answer = expect(201, "POST", "/v2.0/ports", body.append("]}").toString()).body();
                List<String> ids = new ArrayList<>();
                Matcher m = ID.matcher(answer);
                while (m.find()) {
                    ids.add(m.group(1));
                }
                return ids;
            });
        }
        List<String> ids = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Future<List<String>> f : pool.invokeAll(work)) {
                ids.addAll(f.get());
            }
        }
        return ids;
    }

    // ---- statistics and output ----

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static double percentile(List<Long> nanos, double p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return ms(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
    }

    void row(String metric, String value, String target) {
        rows.add(new String[] {metric, value, target});
        System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", metric, value, target);
        System.out.flush();
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    // ---- the benchmark ----

    void run(int fill) throws Exception {
        System.out.printf(Locale.ROOT, "| %s: measurement | result | target (H2) |%n|---|---|---|%n", label);

        // Warm-up: JIT, connection pools, caches. Everything is deleted again.
        String warm = network("warm-up", 22);
        List<String> warmPorts = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            warmPorts.add(id(createPort(warm).body()));
        }
        for (String port : warmPorts) {
            expect(200, "GET", "/v2.0/ports/" + port, null);
            expect(200, "PUT", "/v2.0/ports/" + port, "{\"port\":{\"name\":\"w\"}}");
        }
        for (int i = 0; i < 200; i++) {
            expect(200, "GET", "/v2.0/ports?network_id=" + warm, null);
            expect(200, "GET", "/v2.0/ports?limit=100&marker=" + warmPorts.get(i), null);
        }
        for (String port : warmPorts) {
            expect(204, "DELETE", "/v2.0/ports/" + port, null);
        }

        // Port create latency at concurrency 1.
        String main = network("latency", 16);
        List<Long> creates = new ArrayList<>();
        List<String> mainPorts = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Answer a = createPort(main);
            creates.add(a.nanos());
            mainPorts.add(id(a.body()));
        }
        row("port create, concurrency 1, p50", f("%.2f ms", percentile(creates, 50)), "≤ 5 ms");
        row("port create, concurrency 1, p99", f("%.2f ms", percentile(creates, 99)), "");

        // Show and update.
        List<Long> shows = new ArrayList<>();
        List<Long> updates = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String port = mainPorts.get(i);
            shows.add(expect(200, "GET", "/v2.0/ports/" + port, null).nanos());
            updates.add(expect(200, "PUT", "/v2.0/ports/" + port, "{\"port\":{\"name\":\"u" + i + "\"}}").nanos());
        }
        row("port show, p50 (p99)", f("%.2f ms (%.2f ms)", percentile(shows, 50), percentile(shows, 99)), "≤ 2 ms");
        row("port update (name), p50 (p99)", f("%.2f ms (%.2f ms)", percentile(updates, 50), percentile(updates, 99)), "");

        // Flat cost at ~1,000 ports in the database.
        bulkCreate(main, 500, 2);
        flatCost(main, 1_000);

        // Throughput at concurrency 8: 2,000 creates on one network, which then holds 2,000 ports.
        String listed = network("throughput", 16);
        long start = System.nanoTime();
        List<Callable<Void>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            workers.add(() -> {
                for (int i = 0; i < 250; i++) {
                    createPort(listed);
                }
                return null;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Void> f : pool.invokeAll(workers)) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        row("port creates per second, concurrency 8 (2,000 creates)", f("%.0f /s", 2000 / seconds), "≥ 500 /s");

        // 250 creates at once on one /24, five rounds (each on a new network): median and the first (cold) round.
        List<Long> bursts = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            bursts.add(parallelCreates(network("parallel-" + round, 24), 250));
        }
        row("250 parallel port creates on one network (wall time), median of 5 (first)",
                f("%.0f ms (%.0f ms)", percentile(bursts, 50), ms(bursts.get(0))), "< 1000 ms");

        // Lists.
        List<Long> lists = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // warm-up of this code path (JIT), not counted
            expect(200, "GET", "/v2.0/ports?network_id=" + listed, null);
            expect(200, "GET", "/v2.0/ports?network_id=" + listed + "&limit=1000", null);
        }
        for (int i = 0; i < 20; i++) {
            Answer a = expect(200, "GET", "/v2.0/ports?network_id=" + listed, null);
            if (count(a.body(), "\"mac_address\"") != 2000) {
                throw new IllegalStateException("expected 2,000 ports, got " + count(a.body(), "\"mac_address\""));
            }
            lists.add(a.nanos());
        }
        row("list of 2,000 ports (one network), median", f("%.1f ms", percentile(lists, 50)), "≤ 50 ms");
        lists.clear();
        for (int i = 0; i < 20; i++) {
            lists.add(expect(200, "GET", "/v2.0/ports?network_id=" + listed + "&limit=1000", null).nanos());
        }
        row("list of 1,000 ports (limit=1000), median", f("%.1f ms", percentile(lists, 50)), "");

        // Delete latency.
        List<Long> deletes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            deletes.add(expect(204, "DELETE", "/v2.0/ports/" + mainPorts.get(i), null).nanos());
        }
        row("port delete, p50 (p99)", f("%.2f ms (%.2f ms)", percentile(deletes, 50), percentile(deletes, 99)), "");

        // Flat cost at `fill` ports: more networks with /18 subnets (16,381 addresses each).
        int inDb = portCount();
        int toAdd = fill - inDb;
        long fillStart = System.nanoTime();
        for (int n = 0; toAdd > 0; n++) {
            String net = network("fill-" + n, 18);
            int here = Math.min(toAdd, 8_000);
            bulkCreate(net, here, 4);
            toAdd -= here;
        }
        System.out.printf(Locale.ROOT, "(filled to %d ports in %.1f s)%n", portCount(), (System.nanoTime() - fillStart) / 1e9);
        flatCost(main, fill);
    }

    /** Wall time of {@code n} creates on {@code network} released at the same instant, each on its own thread. */
    long parallelCreates(String network, int n) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> pending = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                pending.add(pool.submit(() -> {
                    go.await();
                    return createPort(network);
                }));
            }
            Thread.sleep(200);
            long start = System.nanoTime();
            go.countDown();
            for (Future<Answer> f : pending) {
                f.get();
            }
            return System.nanoTime() - start;
        }
    }

    int portCount() {
        return count(expect(200, "GET", "/v2.0/ports?fields=id", null).body(), "\"id\"");
    }

    /** Create p50 and first/middle list page (limit=100) time with about {@code total} ports stored. */
    void flatCost(String network, int total) {
        int inDb = portCount();
        List<Long> creates = new ArrayList<>();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Answer a = createPort(network);
            creates.add(a.nanos());
            made.add(id(a.body()));
        }
        List<Long> pages = new ArrayList<>();
        String marker = made.get(0);
        for (int i = 0; i < 100; i++) {
            pages.add(expect(200, "GET", "/v2.0/ports?limit=100", null).nanos());
            pages.add(expect(200, "GET", "/v2.0/ports?limit=100&marker=" + marker, null).nanos());
        }
        for (String port : made) {
            expect(204, "DELETE", "/v2.0/ports/" + port, null);
        }
        row(f("flat cost at %,d ports: create p50", inDb), f("%.2f ms", percentile(creates, 50)), "same as at 1,000");
        row(f("flat cost at %,d ports: list page (limit=100) p50", inDb), f("%.2f ms", percentile(pages, 50)), "same as at 1,000");
    }
}
