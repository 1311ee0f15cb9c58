/*
 * The Neutrino agent benchmark driver: a single-file program for the JDK 21+ source launcher,
 * no dependencies. It talks to a running server (noauth, as admin) whose Linux bridge agent runs
 * for host HOST inside the network namespace HOST, and measures how fast ports get wired:
 *
 *   java bench/AgentBench.java --url URL --host HOST --vm-prefix PREFIX --neutrino bin/neutrino
 *        --agent-log FILE --restart-agent SCRIPT [--single 20] [--burst 200] [--total 500]
 *
 * 1. `vif plug`: the real bin/neutrino plugs a port into a new VM namespace (creates the tap,
 *    binds the port); time from the command's start to the port's ACTIVE.
 * 2. tap: a port already bound to HOST; time from one `ip -batch` creating its tap to ACTIVE.
 * 3. burst: --burst ports bound to HOST, all their taps made by one `ip -batch`; time to each
 *    port's ACTIVE, and what the agent's passes logged (kernel changes, processes spawned).
 * 4. the rest up to --total ports, the same way.
 * 5. restart: runs SCRIPT (stops the agent, starts it again) and waits for the agent's
 *    "pass (full resync)" log line; checks that the host's links did not change and that every
 *    port is still ACTIVE.
 *
 * Run it through bench/agent-bench.sh, which makes the host, the broker, the server and the agent.
 */

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class AgentBench {
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final Pattern PORT_STATUS = Pattern.compile("\"id\":\"([0-9a-f-]{36})\",\"status\":\"([A-Z_]+)\"|\"status\":\"([A-Z_]+)\",\"id\":\"([0-9a-f-]{36})\"");
    static final Pattern PASS = Pattern.compile(
            "pass( \\(full resync\\))?: (\\d+) device\\(s\\) asked, (\\d+) kernel change\\(s\\) in (\\d+) ms, (\\d+) process\\(es\\) spawned");
    static final Duration WAIT = Duration.ofSeconds(60);

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final Map<String, String> args;
    final String url;
    final String host;
    final String agentLog;
    String networkId;
    int portCounter;

    AgentBench(Map<String, String> args) {
        this.args = args;
        this.url = args.get("--url");
        this.host = args.get("--host");
        this.agentLog = args.get("--agent-log");
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>(Map.of("--single", "20", "--burst", "200", "--total", "500"));
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i], argv[i + 1]);
        }
        for (String required : List.of("--url", "--host", "--vm-prefix", "--neutrino", "--agent-log", "--restart-agent")) {
            if (!args.containsKey(required)) {
                throw new IllegalArgumentException("missing " + required);
            }
        }
        new AgentBench(args).run();
    }

    void run() throws Exception {
        int single = Integer.parseInt(args.get("--single"));
        int burst = Integer.parseInt(args.get("--burst"));
        int total = Integer.parseInt(args.get("--total"));
        networkId = id(post("/v2.0/networks", "{\"network\":{\"name\":\"agent-bench\"}}"));
        post("/v2.0/subnets", "{\"subnet\":{\"network_id\":\"" + networkId
                + "\",\"ip_version\":4,\"cidr\":\"10.98.0.0/20\",\"enable_dhcp\":false}}");

        System.out.println("| measurement | ports | p50 | p95 | max | agent passes | kernel changes | processes spawned | spawns per port |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        vifPlug(single);
        tapOnly(single);
        burst("burst of taps (one `ip -batch`)", burst);
        int rest = total - 2 * single - burst;
        if (rest > 0) {
            burst("burst of taps, " + (2 * single + burst) + " already wired", rest);
        }
        System.out.println();
        restart(total);
    }

    // ---- 1. vif plug ----

    void vifPlug(int count) throws Exception {
        String neutrino = args.get("--neutrino");
        String prefix = args.get("--vm-prefix");
        // The first run of bin/neutrino makes its class-data archive: not part of a measurement.
        exec(List.of(neutrino, "--os-endpoint", url, "network", "list"), null);
        List<Double> toActive = new ArrayList<>();
        List<Double> command = new ArrayList<>();
        long offset = logSize();
        for (int i = 0; i < count; i++) {
            String port = id(post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + networkId + "\"}}"));
            long started = System.nanoTime();
            AtomicLong exited = new AtomicLong();
            Process plug = new ProcessBuilder(neutrino, "--os-endpoint", url, "vif", "plug", port,
                    "--netns", prefix + i, "--host", host, "--root-helper", "ip netns exec " + host)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            plug.onExit().thenRun(() -> exited.set(System.nanoTime()));
            awaitActive(port, started);
            long active = System.nanoTime();
            if (plug.waitFor() != 0) {
                throw new IllegalStateException("vif plug " + port + " failed");
            }
            toActive.add(millis(active - started));
            command.add(millis(exited.get() - started));
        }
        Thread.sleep(500); // the pass that reported the last port logs its line just after
        row("`neutrino vif plug` to ACTIVE", count, toActive, passesSince(offset));
        System.out.printf(Locale.ROOT, "| (the `vif plug` command alone: JVM start, 3 API calls, its `ip` runs) | %d | %s | %s | %s | | | | |%n",
                count, ms(percentile(command, 50)), ms(percentile(command, 95)), ms(Collections.max(command)));
    }

    // ---- 2. one tap at a time ----

    void tapOnly(int count) throws Exception {
        List<Double> toActive = new ArrayList<>();
        long offset = logSize();
        for (int i = 0; i < count; i++) {
            String port = boundPorts(1).get(0);
            long started = System.nanoTime();
            makeTaps(List.of(port));
            awaitActive(port, started);
            toActive.add(millis(System.nanoTime() - started));
        }
        Thread.sleep(500);
        row("tap created to ACTIVE, one port", count, toActive, passesSince(offset));
    }

    // ---- 3./4. many taps at once ----

    void burst(String label, int count) throws Exception {
        List<String> ports = boundPorts(count);
        Set<String> waiting = new HashSet<>(ports);
        List<Double> toActive = new ArrayList<>();
        long offset = logSize();
        long started = System.nanoTime();
        makeTaps(ports);
        long deadline = started + WAIT.toNanos();
        while (!waiting.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(waiting.size() + " of " + count + " ports not ACTIVE after " + WAIT);
            }
            String body = get("/v2.0/ports?network_id=" + networkId + "&fields=id&fields=status");
            long now = System.nanoTime();
            Matcher m = PORT_STATUS.matcher(body);
            while (m.find()) {
                String id = m.group(1) != null ? m.group(1) : m.group(4);
                String status = m.group(2) != null ? m.group(2) : m.group(3);
                if ("ACTIVE".equals(status) && waiting.remove(id)) {
                    toActive.add(millis(now - started));
                }
            }
            Thread.sleep(20);
        }
        Thread.sleep(1000); // the pass that reported the last port logs its line just after
        row(label, count, toActive, passesSince(offset));
    }

    // ---- 5. restart ----

    void restart(int total) throws Exception {
        String before = hostLinks();
        long offset = logSize();
        long started = System.nanoTime();
        exec(List.of(args.get("--restart-agent")), null);
        Matcher resync = null;
        long deadline = started + WAIT.toNanos();
        while (resync == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no full resync logged within " + WAIT);
            }
            for (String line : logSince(offset)) {
                Matcher m = PASS.matcher(line);
                if (m.find() && m.group(1) != null) {
                    resync = m;
                }
            }
            Thread.sleep(10);
        }
        double wall = millis(System.nanoTime() - started);
        String after = hostLinks();
        long notActive = countNotActive();
        System.out.println("| agent restart with " + total + " ports wired | |");
        System.out.println("|---|---|");
        System.out.println("| stop + start + full resync, wall clock (JVM start, broker connect, registration) | " + ms(wall) + " |");
        System.out.println("| the resync pass itself | " + resync.group(4) + " ms |");
        System.out.println("| devices asked of the server | " + resync.group(2) + " |");
        System.out.println("| kernel changes (agent's count) | " + resync.group(3) + " |");
        System.out.println("| processes spawned by the pass | " + resync.group(5) + " |");
        System.out.println("| host links identical before and after (`ip -o link`: names, ifindexes, masters, state) | "
                + (before.equals(after) ? "yes" : "**no**") + " |");
        System.out.println("| ports not ACTIVE after the resync | " + notActive + " |");
        if (!before.equals(after) || notActive != 0) {
            System.err.println("links before:\n" + before + "\nlinks after:\n" + after);
            throw new IllegalStateException("the restart changed the host or left ports not ACTIVE");
        }
    }

    // ---- host and agent log ----

    /** Creates the taps of {@code ports} in one {@code ip -batch} run in the host namespace. */
    void makeTaps(List<String> ports) throws Exception {
        StringBuilder batch = new StringBuilder();
        for (String port : ports) {
            String suffix = port.substring(0, 11);
            batch.append("link add tap").append(suffix).append(" type veth peer name vm").append(suffix).append('\n')
                    .append("link set vm").append(suffix).append(" up\n")
                    .append("link set tap").append(suffix).append(" up\n");
        }
        exec(List.of("ip", "-n", host, "-batch", "-"), batch.toString());
    }

    /** The host's links, one line each, without the counters that change with traffic. */
    String hostLinks() throws Exception {
        List<String> lines = new ArrayList<>(exec(List.of("ip", "-n", host, "-o", "link", "show"), null).lines().toList());
        return String.join("\n", new TreeSet<>(lines));
    }

    long logSize() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(agentLog, "r")) {
            return f.length();
        }
    }

    List<String> logSince(long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(agentLog, "r")) {
            byte[] bytes = new byte[(int) Math.max(0, f.length() - offset)];
            f.seek(offset);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        }
    }

    record Passes(int passes, long changes, long spawns) {
    }

    Passes passesSince(long offset) throws IOException {
        int passes = 0;
        long changes = 0;
        long spawns = 0;
        for (String line : logSince(offset)) {
            Matcher m = PASS.matcher(line);
            if (m.find()) {
                passes++;
                changes += Long.parseLong(m.group(3));
                spawns += Long.parseLong(m.group(5));
            }
        }
        return new Passes(passes, changes, spawns);
    }

    static String exec(List<String> command, String stdin) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    // ---- API ----

    /** Creates {@code count} ports bound to the host (one bulk request), in order. */
    List<String> boundPorts(int count) throws Exception {
        StringBuilder body = new StringBuilder("{\"ports\":[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("{\"network_id\":\"").append(networkId)
                    .append("\",\"binding:host_id\":\"").append(host)
                    .append("\",\"device_owner\":\"compute:bench\",\"name\":\"bench-").append(portCounter++).append("\"}");
        }
        List<String> ids = new ArrayList<>();
        Matcher m = ID.matcher(post("/v2.0/ports", body.append("]}").toString()));
        while (m.find()) {
            ids.add(m.group(1));
        }
        if (ids.size() < count) {
            throw new IllegalStateException("bulk create returned " + ids.size() + " of " + count + " ports");
        }
        return ids;
    }

    void awaitActive(String port, long started) throws Exception {
        long deadline = started + WAIT.toNanos();
        while (!get("/v2.0/ports/" + port + "?fields=status").contains("\"ACTIVE\"")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("port " + port + " not ACTIVE after " + WAIT);
            }
            Thread.sleep(5);
        }
    }

    long countNotActive() throws Exception {
        String body = get("/v2.0/ports?network_id=" + networkId + "&fields=id&fields=status");
        long all = ID.matcher(body).results().count();
        long active = Pattern.compile("\"ACTIVE\"").matcher(body).results().count();
        return all - active;
    }

    String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET(), 200);
    }

    String post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), 201);
    }

    String send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " -> "
                    + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String id(String body) {
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return m.group(1);
    }

    // ---- figures ----

    static double millis(long nanos) {
        return nanos / 1e6;
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, millis >= 100 ? "%.0f ms" : "%.1f ms", millis);
    }

    static void row(String label, int count, List<Double> times, Passes passes) {
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %d | %d | %d | %.2f |%n", label, count,
                ms(percentile(times, 50)), ms(percentile(times, 95)), ms(Collections.max(times)),
                passes.passes(), passes.changes(), passes.spawns(), (double) passes.spawns() / count);
    }
}
