/*
 * The L3 API benchmark driver: a single-file program for the JDK 21+ source launcher, no
 * dependencies (java.net.http). Against a server with service_plugins = router and noauth
 * headers, it makes an external network (as admin), then, as one project, per iteration a
 * network + subnet + port and a router with that gateway, and times add_router_interface,
 * floating IP create, associate (PUT port_id), disassociate and remove_router_interface.
 * Then it lists the project's ports (two security groups each, 5 % of them with a floating IP)
 * at 200 and at 2,000 ports and compares the time per port. Prints Markdown tables.
 *
 *   java bench/L3Bench.java --url http://127.0.0.1:9696 [--iterations 50] [--ports 2000]
 *
 * Run it through bench/l3-bench.sh, which starts the server and the database.
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

public class L3Bench {
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final String PROJECT = "l3-bench";
    /** The cloud admin's project, owner of the external network (so its ports are not the benchmark project's to list). */
    static final String ADMIN_PROJECT = "l3-bench-admin";
    static final int WARM_UP = 5;
    static final int SMALL_LIST = 200;
    static final int LISTS = 7;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final String url;
    /** The benchmark project's default security group, found before the port list. */
    String defaultGroup;

    L3Bench(String url) {
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:9696";
        int iterations = 50;
        int ports = 2000;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--iterations" -> iterations = Integer.parseInt(args[i + 1]);
                case "--ports" -> ports = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (ports <= SMALL_LIST) {
            throw new IllegalArgumentException("--ports must be more than " + SMALL_LIST);
        }
        new L3Bench(url).run(iterations, ports);
    }

    /** Sends a request as the benchmark project (or as the cloud admin) and checks the status. */
    String send(String method, String path, String body, int expected, boolean admin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .header("X-Project-Id", admin ? ADMIN_PROJECT : PROJECT).header("X-Roles", admin ? "admin,member" : "member")
                .timeout(Duration.ofMinutes(5));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    String send(String method, String path, String body, int expected) throws Exception {
        return send(method, path, body, expected, false);
    }

    static String id(String body) {
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return m.group(1);
    }

    String network(String name) throws Exception {
        return id(send("POST", "/v2.0/networks", "{\"network\": {\"name\": \"" + name + "\"}}", 201));
    }

    String subnet(String network, String cidr) throws Exception {
        return id(send("POST", "/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + network + "\", \"ip_version\": 4, \"cidr\": \""
                + cidr + "\"}}", 201));
    }

    String router(String name, String externalNetwork) throws Exception {
        return id(send("POST", "/v2.0/routers", "{\"router\": {\"name\": \"" + name + "\", \"external_gateway_info\": "
                + "{\"network_id\": \"" + externalNetwork + "\"}}}", 201));
    }

    String port(String network) throws Exception {
        return id(send("POST", "/v2.0/ports", "{\"port\": {\"network_id\": \"" + network + "\"}}", 201));
    }

    void addInterface(String router, String subnet) throws Exception {
        send("PUT", "/v2.0/routers/" + router + "/add_router_interface", "{\"subnet_id\": \"" + subnet + "\"}", 200);
    }

    void removeInterface(String router, String subnet) throws Exception {
        send("PUT", "/v2.0/routers/" + router + "/remove_router_interface", "{\"subnet_id\": \"" + subnet + "\"}", 200);
    }

    String floatingIp(String externalNetwork) throws Exception {
        return id(send("POST", "/v2.0/floatingips", "{\"floatingip\": {\"floating_network_id\": \"" + externalNetwork + "\"}}", 201));
    }

    void associate(String floatingIp, String port) throws Exception {
        send("PUT", "/v2.0/floatingips/" + floatingIp, "{\"floatingip\": {\"port_id\": " + (port == null ? "null" : "\"" + port + "\"") + "}}", 200);
    }

    /** The five measured calls of one iteration, in nanoseconds, in the order of {@link #OPERATIONS}. */
    static final String[] OPERATIONS = {"add_router_interface (subnet)", "floating IP create", "floating IP associate (PUT port_id)",
        "floating IP disassociate (PUT port_id null)", "remove_router_interface (subnet)"};

    long[] iteration(int n, String externalNetwork) throws Exception {
        String network = network("l3b-" + n);
        String subnet = subnet(network, "10." + (100 + n / 250) + "." + (n % 250) + ".0/24");
        String port = port(network);
        String router = router("l3b-" + n, externalNetwork);
        long[] nanos = new long[OPERATIONS.length];
        long t = System.nanoTime();
        addInterface(router, subnet);
        nanos[0] = System.nanoTime() - t;
        t = System.nanoTime();
        String fip = floatingIp(externalNetwork);
        nanos[1] = System.nanoTime() - t;
        t = System.nanoTime();
        associate(fip, port);
        nanos[2] = System.nanoTime() - t;
        t = System.nanoTime();
        associate(fip, null);
        nanos[3] = System.nanoTime() - t;
        t = System.nanoTime();
        removeInterface(router, subnet);
        nanos[4] = System.nanoTime() - t;
        // clean up, so that the external /24 never runs out of addresses
        send("DELETE", "/v2.0/floatingips/" + fip, null, 204);
        send("DELETE", "/v2.0/routers/" + router, null, 204);
        send("DELETE", "/v2.0/ports/" + port, null, 204);
        send("DELETE", "/v2.0/networks/" + network, null, 204);
        return nanos;
    }

    static double percentile(List<Long> nanos, double p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1e6;
    }

    /** Creates {@code count} ports in {@code network} with both groups, in bulk requests of 100; returns their ids. */
    List<String> bulkPorts(String network, String group, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int done = 0; done < count; done += 100) {
            StringBuilder body = new StringBuilder("{\"ports\": [");
            int here = Math.min(100, count - done);
            for (int i = 0; i < here; i++) {
                body.append(i == 0 ? "" : ", ").append("{\"network_id\": \"").append(network)
                        .append("\", \"security_groups\": [\"").append(group).append("\", \"").append(defaultGroup).append("\"]}");
            }
            Matcher m = ID.matcher(send("POST", "/v2.0/ports", body.append("]}").toString(), 201));
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        if (ids.size() != count) {
            throw new IllegalStateException("bulk create made " + ids.size() + " ports, not " + count);
        }
        return ids;
    }

    /** Gives every 20th port of {@code ports} a floating IP. */
    void floatingIps(List<String> ports, String externalNetwork) throws Exception {
        for (int i = 0; i < ports.size(); i += 20) {
            send("POST", "/v2.0/floatingips", "{\"floatingip\": {\"floating_network_id\": \"" + externalNetwork + "\", \"port_id\": \""
                    + ports.get(i) + "\"}}", 201);
        }
    }

    /** Median milliseconds of listing the project's ports, checking that the list has {@code ports} ports and the router's interface. */
    double listPorts(int ports) throws Exception {
        int expected = ports + 1;
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < LISTS; i++) {
            long t = System.nanoTime();
            String body = send("GET", "/v2.0/ports", null, 200);
            nanos.add(System.nanoTime() - t);
            int found = 0;
            for (Matcher m = Pattern.compile("\"mac_address\":").matcher(body); m.find(); ) {
                found++;
            }
            if (found != expected) {
                throw new IllegalStateException("port list has " + found + " ports, expected " + expected);
            }
        }
        return percentile(nanos, 50);
    }

    void run(int iterations, int ports) throws Exception {
        String external = id(send("POST", "/v2.0/networks", "{\"network\": {\"name\": \"l3b-external\", \"router:external\": true}}", 201, true));
        send("POST", "/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + external + "\", \"ip_version\": 4, \"cidr\": \"198.51.100.0/24\", "
                + "\"enable_dhcp\": false}}", 201, true);

        for (int n = 0; n < WARM_UP; n++) { // JIT, connection pools
            iteration(1000 + n, external);
        }
        List<List<Long>> samples = new ArrayList<>();
        for (int k = 0; k < OPERATIONS.length; k++) {
            samples.add(new ArrayList<>());
        }
        for (int n = 0; n < iterations; n++) {
            long[] nanos = iteration(n, external);
            for (int k = 0; k < OPERATIONS.length; k++) {
                samples.get(k).add(nanos[k]);
            }
        }
        System.out.println("| L3 call (" + iterations + " iterations) | p50 | p90 |");
        System.out.println("|---|---|---|");
        for (int k = 0; k < OPERATIONS.length; k++) {
            System.out.println(String.format(Locale.ROOT, "| %s | %.1f ms | %.1f ms |", OPERATIONS[k],
                    percentile(samples.get(k), 50), percentile(samples.get(k), 90)));
        }
        System.out.println();

        // The port list: a /20 network behind a router, ports in two groups, 5 % with a floating IP.
        String network = network("l3b-list");
        String subnet = subnet(network, "10.200.0.0/20");
        String router = router("l3b-list", external);
        addInterface(router, subnet);
        defaultGroup = id(send("GET", "/v2.0/security-groups?name=default", null, 200));
        String web = id(send("POST", "/v2.0/security-groups", "{\"security_group\": {\"name\": \"l3b-web\"}}", 201));
        List<String> first = bulkPorts(network, web, SMALL_LIST);
        floatingIps(first, external);
        listPorts(SMALL_LIST); // warm-up
        double small = listPorts(SMALL_LIST);
        List<String> rest = bulkPorts(network, web, ports - SMALL_LIST);
        floatingIps(rest, external);
        listPorts(ports); // warm-up
        double large = listPorts(ports);
        double perPortSmall = small * 1000 / SMALL_LIST;
        double perPortLarge = large * 1000 / ports;
        System.out.println("| port list (GET /v2.0/ports, 2 security groups each, 1 in 20 with a floating IP; median of " + LISTS + ") | time | per port |");
        System.out.println("|---|---|---|");
        System.out.println(String.format(Locale.ROOT, "| %,d ports | %.1f ms | %.1f µs |", SMALL_LIST, small, perPortSmall));
        System.out.println(String.format(Locale.ROOT, "| %,d ports | %.1f ms | %.1f µs |", ports, large, perPortLarge));
        System.out.println();
        double ratio = perPortLarge / perPortSmall;
        System.out.println(String.format(Locale.ROOT, "time per port at %,d / at %,d ports: %.2f (flat: no query per port)", ports, SMALL_LIST, ratio));
        if (ratio > 2.0) {
            throw new IllegalStateException(String.format(Locale.ROOT, "the port list's time per port grows with the number of ports: ratio %.2f", ratio));
        }
    }
}
