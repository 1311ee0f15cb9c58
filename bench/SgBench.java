/*
 * The security-group benchmark driver: a single-file program for the JDK 21+ source launcher,
 * no dependencies (java.net.http). As one project with noauth headers, it creates security
 * groups of 100 rules each (rule by rule, then in one bulk request) and prints one Markdown
 * table row per measurement.
 *
 *   java bench/SgBench.java --url http://127.0.0.1:9696 [--groups 10] [--warmup 3] [--server-pid PID]
 *
 * With --server-pid it also prints the CPU time the server process and its children (Neutron's
 * API workers) spent per rule, a figure that the load of other work on the machine inflates far
 * less than the wall time (the database's own processes are not counted).
 *
 * Run it through bench/sg-bench.sh, which starts the server and the database.
 */

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class SgBench {
    /** The group's id, as its default egress rules name it (Neutron's JSON has spaces, and rules may come before the group's own id). */
    static final Pattern ID = Pattern.compile("\"security_group_id\":\\s*\"([0-9a-f-]{36})\"");
    static final int RULES = 100;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final String url;
    final ProcessHandle server;

    SgBench(String url, ProcessHandle server) {
        this.url = url;
        this.server = server;
    }

    /** CPU time of the server process and its descendants so far, in milliseconds; 0 without --server-pid. */
    double serverCpuMillis() {
        if (server == null) {
            return 0;
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(server), server.descendants())
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum() / 1e6;
    }

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:9696";
        int groups = 10;
        int warmup = 3;
        ProcessHandle server = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--groups" -> groups = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--server-pid" -> server = ProcessHandle.of(Long.parseLong(args[i + 1])).orElseThrow();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        new SgBench(url, server).run(warmup, groups);
    }

    String post(String path, String body, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json").header("X-User-Id", "sg-bench").header("X-Project-Id", "sg-bench").header("X-Roles", "member")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    String group(String name) throws Exception {
        Matcher m = ID.matcher(post("/v2.0/security-groups", "{\"security_group\": {\"name\": \"" + name + "\"}}", 201));
        m.find();
        return m.group(1);
    }

    static String rule(String groupId, int n) {
        return "{\"security_group_id\": \"" + groupId + "\", \"direction\": \"ingress\", \"protocol\": \"tcp\", "
                + "\"port_range_min\": " + (1000 + n) + ", \"port_range_max\": " + (1000 + n) + ", \"remote_ip_prefix\": \"10.0."
                + (n % 250) + ".0/24\"}";
    }

    /** Milliseconds to create a group and its 100 rules one request each. */
    double oneByOne(String name) throws Exception {
        long start = System.nanoTime();
        String id = group(name);
        for (int n = 0; n < RULES; n++) {
            post("/v2.0/security-group-rules", "{\"security_group_rule\": " + rule(id, n) + "}", 201);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** Milliseconds to create a group and its 100 rules in one bulk request. */
    double bulk(String name) throws Exception {
        long start = System.nanoTime();
        String id = group(name);
        List<String> rules = new ArrayList<>();
        for (int n = 0; n < RULES; n++) {
            rules.add(rule(id, n));
        }
        post("/v2.0/security-group-rules", "{\"security_group_rules\": [" + String.join(", ", rules) + "]}", 201);
        return (System.nanoTime() - start) / 1e6;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    void run(int warmup, int groups) throws Exception {
        for (int i = 0; i < warmup; i++) { // warm-up: JIT, pools, the project's default group
            oneByOne("warm-" + i);
            bulk("warm-bulk-" + i);
        }
        List<Double> single = new ArrayList<>();
        List<Double> bulk = new ArrayList<>();
        double singleCpu = 0;
        double bulkCpu = 0;
        for (int i = 0; i < groups; i++) {
            double cpu = serverCpuMillis();
            single.add(oneByOne("g-" + i));
            double between = serverCpuMillis();
            bulk.add(bulk("b-" + i));
            singleCpu += between - cpu;
            bulkCpu += serverCpuMillis() - between;
        }
        String cpuColumn = server == null ? "" : " server CPU per rule (mean) |";
        System.out.println("| measurement (median of " + groups + ") | time | rules per second |" + cpuColumn);
        System.out.println("|---|---|---|" + (server == null ? "" : "---|"));
        double s = median(single);
        double b = median(bulk);
        System.out.println(String.format(Locale.ROOT, "| group + 100 rules, one POST per rule | %.0f ms | %.0f /s |", s, RULES * 1000 / s)
                + cpu(singleCpu, groups));
        System.out.println(String.format(Locale.ROOT, "| group + 100 rules, one bulk POST | %.0f ms | %.0f /s |", b, RULES * 1000 / b)
                + cpu(bulkCpu, groups));
    }

    /** The CPU column: milliseconds per rule (the group's create included) over {@code groups} rounds. */
    String cpu(double millis, int groups) {
        return server == null ? "" : String.format(Locale.ROOT, " %.2f ms |", millis / groups / RULES);
    }
}
