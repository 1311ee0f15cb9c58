/*
 * The Neutrino L3 agent benchmark: a single-file program for the JDK source launcher, run with the
 * runtime class path of neutrino-dist (bench/l3-agent-bench.sh does it, as root). It drives the real
 * L3 agent (org.neutrino.agent.l3.L3Agent) against the kernel, on a host simulated as the network
 * namespace HOST (root helper `ip netns exec HOST`), from hand-built sync_routers answers on an
 * in-process bus:
 *
 *   java -cp 'neutrino-dist/target/lib/*' bench/L3AgentBench.java --host HOST --state DIR
 *        [--routers 100] [--floating-ips 500]
 *
 * 1. full sync from nothing: ROUTERS routers, each with an internal port, a gateway port and its
 *    share of FLOATING_IPS floating IPs; time and processes spawned.
 * 2. full sync of a restarted agent (a new agent on the same kernel state): nothing to change.
 * 3. one floating IP added to one router (routers_updated): time and processes.
 * 4. full sync after every router was unscheduled: all namespaces removed.
 */

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.neutrino.agent.l3.L3Agent;
import org.neutrino.agent.l3.L3AgentConfig;
import org.neutrino.linux.ProcessExecutor;
import org.neutrino.linux.RootHelper;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.RouterInfo;
import org.neutrino.rpc.inprocess.InProcessBus;

public class L3AgentBench {
    static final Map<String, RouterInfo> ROUTERS = new ConcurrentHashMap<>();

    public static void main(String[] argv) {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        String host = args.get("host");
        Path state = Path.of(args.get("state"));
        int routers = Integer.parseInt(args.getOrDefault("routers", "100"));
        int floatingIps = Integer.parseInt(args.getOrDefault("floating-ips", "500"));
        String run = host.replaceAll("[^a-z0-9]", "");

        InProcessBus bus = new InProcessBus();
        bus.subscribe(Target.topic(AgentTopics.PLUGIN), L3AgentBench::answer);
        int fip = 0;
        for (int r = 0; r < routers; r++) {
            int share = floatingIps / routers + (r < floatingIps % routers ? 1 : 0);
            List<RouterInfo.FloatingIp> fips = new ArrayList<>();
            for (int f = 0; f < share; f++, fip++) {
                fips.add(new RouterInfo.FloatingIp(uuid("f", fip), "10.201." + (fip / 250) + "." + (fip % 250 + 1),
                        "10." + r + ".1." + (f + 10), uuid("v", fip)));
            }
            put(run, r, fips);
        }
        L3AgentConfig config = new L3AgentConfig(host, state, Duration.ofSeconds(3600), Duration.ofSeconds(5),
                Duration.ofSeconds(3600), Duration.ofSeconds(30));
        RootHelper helper = RootHelper.parse("ip netns exec " + host);

        System.out.println("| step | routers | floating IPs | time | processes spawned |");
        System.out.println("|---|---:|---:|---:|---:|");
        ProcessExecutor first = new ProcessExecutor(helper);
        L3Agent agent = new L3Agent(config, bus, first);
        long t = System.nanoTime();
        agent.fullSync();
        row("full sync from nothing", agent, routers, floatingIps, t, first.spawnCount());

        ProcessExecutor second = new ProcessExecutor(helper);
        agent = new L3Agent(config, bus, second);
        t = System.nanoTime();
        agent.fullSync();
        row("full sync after a restart (nothing to change)", agent, routers, floatingIps, t, second.spawnCount());

        RouterInfo one = ROUTERS.values().stream().filter(x -> x.name().equals("bench-0")).findFirst().orElseThrow();
        List<RouterInfo.FloatingIp> more = new ArrayList<>(one.floatingIps());
        more.add(new RouterInfo.FloatingIp(uuid("f", 99999), "10.202.0.1", "10.0.1.250", uuid("v", 99999)));
        ROUTERS.put(one.id(), new RouterInfo(one.id(), one.name(), true, true, one.gwPort(), one.interfaces(), more,
                List.of()));
        long before = second.spawnCount();
        t = System.nanoTime();
        agent.sync(List.of(one.id()));
        row("one floating IP added (routers_updated)", agent, 1, 1, t, second.spawnCount() - before);

        ROUTERS.clear();
        before = second.spawnCount();
        t = System.nanoTime();
        agent.fullSync();
        row("full sync after every router was unscheduled", agent, routers, 0, t, second.spawnCount() - before);
        bus.close();
        System.exit(agent.routers().isEmpty() ? 0 : 1);
    }

    static void row(String step, L3Agent agent, int routers, int fips, long started, long spawns) {
        System.out.printf("| %s | %d | %d | %d ms | %d |%n", step, routers, fips,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), spawns);
    }

    static void put(String run, int r, List<RouterInfo.FloatingIp> fips) {
        String mac = String.format("fa:16:3e:%02x:%02x:", r / 256, r % 256);
        RouterInfo.Port gw = new RouterInfo.Port(uuid("g", r), "ext", mac + "02", 1500, List.of(
                new RouterInfo.Address("ext", "10.200." + (r / 250) + "." + (r % 250 + 2), "10.200.0.0/16", "10.200.0.1",
                        4, null)));
        RouterInfo.Port internal = new RouterInfo.Port(uuid("i", r), "int" + r, mac + "01", 1450, List.of(
                new RouterInfo.Address("int" + r, "10." + r + ".1.1", "10." + r + ".1.0/24", "10." + r + ".1.1", 4,
                        null)));
        String id = uuid("r", r).replaceFirst("^r0", run.substring(0, Math.min(run.length(), 8)));
        ROUTERS.put(id, new RouterInfo(id, "bench-" + r, true, true, gw, List.of(internal), fips, List.of()));
    }

    /** A UUID-shaped id whose first 11 characters differ per kind and number (device names use them). */
    static String uuid(String kind, int n) {
        return String.format("%s%07x-%04x-4000-8000-%012x", kind.charAt(0) == 'r' ? "r0" : kind + "0", n, n, n)
                .substring(0, 36);
    }

    static JsonNode answer(Message message) {
        return switch (message.method()) {
            case AgentTopics.SYNC_ROUTERS -> {
                JsonNode ids = message.args().path("router_ids");
                List<RouterInfo> out = new ArrayList<>();
                for (RouterInfo router : ROUTERS.values()) {
                    boolean asked = !ids.isArray();
                    for (JsonNode id : ids) {
                        asked |= id.asText().equals(router.id());
                    }
                    if (asked) {
                        out.add(router);
                    }
                }
                yield AgentJson.tree(out);
            }
            default -> null;
        };
    }
}
