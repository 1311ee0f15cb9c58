import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.neutrino.agent.firewall.IptablesFirewallDriver;
import org.neutrino.linux.ProcessExecutor;
import org.neutrino.linux.RootHelper;
import org.neutrino.rpc.agent.SecurityGroupInfo.Group;
import org.neutrino.rpc.agent.SecurityGroupInfo.PortFilter;
import org.neutrino.rpc.agent.SecurityGroupInfo.Rule;

/**
 * The iptables firewall driver's cost on one host (run by bench/firewall-bench.sh, as root): P
 * ports in one group of R rules plus a default group (egress anywhere, ingress from members of
 * the group, through an ipset), applied through the driver API in the host namespace given;
 * then a rule change of the big group (every port's chains are rewritten), a membership change,
 * and the removal of one port. For each step: wall time, iptables/ip6tables-restore runs and
 * processes spawned. Prints a Markdown table.
 *
 * <p>Usage: java -cp 'neutrino-dist/target/lib/*' bench/FirewallBench.java HOST_NS PORTS RULES
 */
public class FirewallBench {
    static final String BIG = "b1b1b1b1-0000-4000-8000-000000000001";
    static final String DEFAULT = "d0d0d0d0-0000-4000-8000-000000000002";
    static final String NET = "0e0e0e0e-0000-4000-8000-000000000003";

    public static void main(String[] args) {
        String host = args[0];
        int ports = Integer.parseInt(args[1]);
        int rules = Integer.parseInt(args[2]);
        ProcessExecutor executor = new ProcessExecutor(RootHelper.parse("ip netns exec " + host));
        IptablesFirewallDriver driver = new IptablesFirewallDriver(executor);

        List<PortFilter> filters = new ArrayList<>();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < ports; i++) {
            String id = String.format("%08x-1111-4222-8333-%012x", i + 1, i + 1);
            String ip = "10.%d.%d.%d".formatted(1 + i / 65536, (i / 256) % 256, i % 256 == 0 ? 1 : i % 256);
            filters.add(new PortFilter("tap" + id.substring(0, 11), id, NET, String.format("fa:16:3e:%02x:%02x:%02x",
                    (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff), List.of(ip), List.of(), List.of(DEFAULT, BIG), true,
                    "compute:nova"));
            members.add(ip);
        }
        System.out.println("| step | ports | rules per port | wall time ms | iptables/ip6tables-restore runs | processes spawned |");
        System.out.println("|---|---:|---:|---:|---:|---:|");

        step("initial apply", ports, rules, driver, executor, () -> {
            driver.deferApply();
            driver.updateSecurityGroups(Map.of(BIG, bigGroup(rules, 0), DEFAULT, defaultGroup()),
                    Map.of(DEFAULT, Map.of("IPv4", members, "IPv6", List.of())));
            filters.forEach(driver::updatePortFilter);
            driver.applyDeferred();
        });
        step("rule change of the " + rules + "-rule group", ports, rules, driver, executor, () -> {
            driver.deferApply();
            driver.updateSecurityGroups(Map.of(BIG, bigGroup(rules, 1)), Map.of());
            filters.forEach(driver::updatePortFilter);
            driver.applyDeferred();
        });
        step("membership change (one address joins)", ports, rules, driver, executor, () -> {
            List<String> more = new ArrayList<>(members);
            more.add("10.200.0.1");
            driver.updateSecurityGroups(Map.of(), Map.of(DEFAULT, Map.of("IPv4", more, "IPv6", List.of())));
        });
        step("one port removed", ports, rules, driver, executor,
                () -> driver.removePortFilter(filters.getFirst().device()));
        step("reapply unchanged", ports, rules, driver, executor, () -> {
            driver.deferApply();
            filters.subList(1, filters.size()).forEach(driver::updatePortFilter);
            driver.applyDeferred();
        });
    }

    static void step(String name, int ports, int rules, IptablesFirewallDriver driver, ProcessExecutor executor,
                     Runnable change) {
        long restores = driver.restoreCount();
        long spawns = executor.spawnCount();
        long started = System.nanoTime();
        change.run();
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("| %s | %d | %d | %d | %d | %d |%n", name, ports, rules + 4, ms,
                driver.restoreCount() - restores, executor.spawnCount() - spawns);
    }

    /** R ingress TCP rules, one port each from a /24 of its own; {@code shift} moves every port (a rule change). */
    static Group bigGroup(int rules, int shift) {
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < rules; i++) {
            int port = 1000 + i + shift;
            out.add(new Rule(null, "ingress", "IPv4", "tcp", port, port,
                    "172.16.%d.0/24".formatted(i % 256), null, null));
        }
        return new Group(true, out);
    }

    static Group defaultGroup() {
        return new Group(true, List.of(
                new Rule(null, "egress", "IPv4", null, null, null, null, null, null),
                new Rule(null, "egress", "IPv6", null, null, null, null, null, null),
                new Rule(null, "ingress", "IPv4", null, null, null, null, DEFAULT, null),
                new Rule(null, "ingress", "IPv6", null, null, null, null, DEFAULT, null)));
    }
}
