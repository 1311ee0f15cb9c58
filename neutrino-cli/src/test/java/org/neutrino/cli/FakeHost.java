package org.neutrino.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neutrino.linux.Command;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.Executor;
import org.neutrino.linux.RunningProcess;

/**
 * A stateful model of one host and its namespaces, for the small set of {@code ip} commands that
 * {@link VifPlugger} emits (netns list/add/delete/pids, link show/add veth/set/delete, address and
 * route show/add/replace, batches of those). It records every command line; any command it does
 * not model throws, so a test cannot pass by accident.
 */
final class FakeHost implements Executor {
    /** The key of the host's own namespace (the root helper's). */
    static final String HOST = "";

    final Map<String, Map<String, FakeLink>> namespaces = new LinkedHashMap<>();
    final Map<String, List<String>> routes = new LinkedHashMap<>();
    final Map<String, List<Long>> pids = new LinkedHashMap<>();
    final List<String> commandLines = new ArrayList<>();
    private int nextIndex = 10;

    FakeHost() {
        namespaces.put(HOST, new LinkedHashMap<>());
        addLo(HOST);
    }

    /** A device on the model. */
    static final class FakeLink {
        final String name;
        final String kind;
        String mac;
        int mtu = 1500;
        boolean up;
        String peerNamespace;
        String peerName;
        final int index;
        final List<String> addresses = new ArrayList<>();

        FakeLink(String name, String kind, String mac, int index) {
            this.name = name;
            this.kind = kind;
            this.mac = mac;
            this.index = index;
        }
    }

    Optional<FakeLink> link(String namespace, String name) {
        return Optional.ofNullable(namespaces.getOrDefault(namespace, Map.of()).get(name));
    }

    /** The command lines that change something (not list/show/pids). */
    List<String> mutations() {
        return commandLines.stream().filter(l -> !l.contains(" show") && !l.endsWith("netns list")
                && !l.contains("netns pids")).toList();
    }

    @Override
    public CommandResult execute(Command command) {
        commandLines.add(command.commandLine() + command.stdin().map(s -> " <<< " + s.strip().replace("\n", "; "))
                .orElse(""));
        List<String> argv = command.argv();
        if (argv.get(0).equals("kill")) {
            for (String pid : argv.subList(2, argv.size())) {
                pids.values().forEach(list -> list.remove(Long.valueOf(pid)));
            }
            return CommandResult.ok("");
        }
        if (!argv.get(0).equals("ip")) {
            throw new UnsupportedOperationException("FakeHost does not model: " + argv);
        }
        List<String> args = new ArrayList<>(argv.subList(1, argv.size()));
        if (args.get(0).equals("netns")) {
            return netns(args);
        }
        String ns = HOST;
        if (args.get(0).equals("-n")) {
            ns = args.get(1);
            args = args.subList(2, args.size());
            if (!namespaces.containsKey(ns)) {
                return new CommandResult(1, "", "Cannot open network namespace \"" + ns + "\": No such file");
            }
        }
        if (args.equals(List.of("-force", "-batch", "-"))) {
            StringBuilder errors = new StringBuilder();
            String[] lines = command.stdin().orElse("").split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                CommandResult r = run(ns, List.of(lines[i].strip().split(" ")));
                if (r.exitCode() != 0) {
                    errors.append(r.stderr()).append("\nCommand failed -:").append(i + 1).append('\n');
                }
            }
            return new CommandResult(errors.isEmpty() ? 0 : 1, "", errors.toString());
        }
        return run(ns, args);
    }

    private CommandResult run(String ns, List<String> args) {
        Map<String, FakeLink> links = namespaces.get(ns);
        String joined = String.join(" ", args);
        if (joined.startsWith("-j -d link show dev ")) {
            FakeLink link = links.get(args.get(5));
            return link == null ? new CommandResult(1, "", "Device \"" + args.get(5) + "\" does not exist.")
                    : CommandResult.ok("[" + json(ns, link) + "]");
        }
        if (joined.startsWith("-j address show dev ")) {
            FakeLink link = links.get(args.get(4));
            StringBuilder out = new StringBuilder("[{\"ifname\":\"" + link.name + "\",\"addr_info\":[");
            for (int i = 0; i < link.addresses.size(); i++) {
                String[] cidr = link.addresses.get(i).split("/");
                out.append(i == 0 ? "" : ",").append("{\"family\":\"").append(cidr[0].contains(":") ? "inet6" : "inet")
                        .append("\",\"local\":\"").append(cidr[0]).append("\",\"prefixlen\":").append(cidr[1])
                        .append(",\"scope\":\"global\"}");
            }
            return CommandResult.ok(out.append("]}]").toString());
        }
        if (joined.matches("-j -[46] route show")) {
            List<String> items = new ArrayList<>();
            for (String route : routes.getOrDefault(ns, List.of())) {
                String[] r = route.split(" ");
                items.add("{\"dst\":\"" + r[0] + "\",\"gateway\":\"" + r[1] + "\",\"dev\":\"" + r[2] + "\"}");
            }
            return CommandResult.ok("[" + String.join(",", items) + "]");
        }
        if (joined.startsWith("link add ") && args.contains("veth")) {
            return addVeth(ns, args);
        }
        if (joined.matches("link set dev \\S+ up")) {
            return withLink(links, args.get(3), link -> link.up = true);
        }
        if (joined.matches("link set dev \\S+ mtu \\d+")) {
            return withLink(links, args.get(3), link -> link.mtu = Integer.parseInt(args.get(5)));
        }
        if (joined.matches("link delete dev \\S+")) {
            FakeLink link = links.remove(args.get(3));
            if (link == null) {
                return new CommandResult(1, "", "Cannot find device \"" + args.get(3) + "\"");
            }
            namespaces.get(link.peerNamespace).remove(link.peerName);
            return CommandResult.ok("");
        }
        if (joined.matches("address add \\S+ (brd \\+ )?dev \\S+")) {
            String cidr = args.get(2);
            return withLink(links, args.getLast(), link -> {
                if (link.addresses.contains(cidr)) {
                    throw new IllegalStateException("RTNETLINK answers: File exists");
                }
                link.addresses.add(cidr);
            });
        }
        if (joined.matches("route replace \\S+ via \\S+ dev \\S+")) {
            List<String> table = routes.computeIfAbsent(ns, k -> new ArrayList<>());
            String dst = args.get(2);
            table.removeIf(r -> r.startsWith(dst + " "));
            table.add(dst + " " + args.get(4) + " " + args.get(6));
            return CommandResult.ok("");
        }
        throw new UnsupportedOperationException("FakeHost does not model: ip " + joined);
    }

    private CommandResult addVeth(String ns, List<String> args) {
        // link add NAME [mtu M] type veth peer name PEER [address MAC] [mtu M] [netns NS]
        String name = args.get(2);
        int mtu = args.get(3).equals("mtu") ? Integer.parseInt(args.get(4)) : 1500;
        int peerAt = args.indexOf("peer") + 2;
        String peer = args.get(peerAt);
        List<String> rest = args.subList(peerAt + 1, args.size());
        String mac = option(rest, "address").orElse("02:00:00:00:00:" + Integer.toHexString(nextIndex));
        String peerNs = option(rest, "netns").orElse(ns);
        if (!namespaces.containsKey(peerNs)) {
            return new CommandResult(1, "", "Invalid \"netns\" value \"" + peerNs + "\"");
        }
        if (namespaces.get(ns).containsKey(name) || namespaces.get(peerNs).containsKey(peer)) {
            return new CommandResult(2, "", "RTNETLINK answers: File exists");
        }
        FakeLink host = new FakeLink(name, "veth", "02:00:00:00:01:" + Integer.toHexString(nextIndex), nextIndex++);
        FakeLink other = new FakeLink(peer, "veth", mac, nextIndex++);
        host.mtu = mtu;
        other.mtu = option(rest, "mtu").map(Integer::parseInt).orElse(1500);
        host.peerNamespace = peerNs;
        host.peerName = peer;
        other.peerNamespace = ns;
        other.peerName = name;
        namespaces.get(ns).put(name, host);
        namespaces.get(peerNs).put(peer, other);
        return CommandResult.ok("");
    }

    private static Optional<String> option(List<String> args, String key) {
        int i = args.indexOf(key);
        return i < 0 ? Optional.empty() : Optional.of(args.get(i + 1));
    }

    private static CommandResult withLink(Map<String, FakeLink> links, String name,
                                          java.util.function.Consumer<FakeLink> change) {
        FakeLink link = links.get(name);
        if (link == null) {
            return new CommandResult(1, "", "Cannot find device \"" + name + "\"");
        }
        try {
            change.accept(link);
        } catch (IllegalStateException e) {
            return new CommandResult(2, "", e.getMessage());
        }
        return CommandResult.ok("");
    }

    private CommandResult netns(List<String> args) {
        String verb = args.get(1);
        switch (verb) {
            case "list" -> {
                List<String> lines = new ArrayList<>();
                namespaces.keySet().stream().filter(ns -> !ns.equals(HOST)).forEach(lines::add);
                return CommandResult.ok(String.join("\n", lines.reversed()) + "\n");
            }
            case "add" -> {
                if (namespaces.containsKey(args.get(2))) {
                    return new CommandResult(1, "", "Cannot create namespace file: File exists");
                }
                namespaces.put(args.get(2), new LinkedHashMap<>());
                addLo(args.get(2));
                return CommandResult.ok("");
            }
            case "delete" -> {
                Map<String, FakeLink> removed = namespaces.remove(args.get(2));
                if (removed == null) {
                    return new CommandResult(1, "", "Cannot remove namespace file: No such file or directory");
                }
                for (FakeLink link : removed.values()) {
                    if (link.peerNamespace != null) {
                        namespaces.getOrDefault(link.peerNamespace, new LinkedHashMap<>()).remove(link.peerName);
                    }
                }
                return CommandResult.ok("");
            }
            case "pids" -> {
                List<String> list = pids.getOrDefault(args.get(2), List.of()).stream().map(String::valueOf).toList();
                return CommandResult.ok(String.join("\n", list) + (list.isEmpty() ? "" : "\n"));
            }
            default -> throw new UnsupportedOperationException("FakeHost does not model: ip " + String.join(" ", args));
        }
    }

    private void addLo(String ns) {
        namespaces.get(ns).put("lo", new FakeLink("lo", null, "00:00:00:00:00:00", 1));
    }

    private String json(String ns, FakeLink link) {
        StringBuilder out = new StringBuilder("{\"ifindex\":").append(link.index).append(",\"ifname\":\"")
                .append(link.name).append("\",\"flags\":[").append(link.up ? "\"UP\"" : "").append("],\"mtu\":")
                .append(link.mtu).append(",\"operstate\":\"").append(link.up ? "UP" : "DOWN").append("\"")
                .append(",\"link_type\":\"").append(link.kind == null ? "loopback" : "ether").append("\"")
                .append(",\"address\":\"").append(link.mac).append("\"");
        if (link.kind != null) {
            out.append(",\"linkinfo\":{\"info_kind\":\"").append(link.kind).append("\"}");
        }
        return out.append('}').toString();
    }

    @Override
    public RunningProcess start(Command command) {
        throw new UnsupportedOperationException("FakeHost does not start processes: " + command.commandLine());
    }

    @Override
    public long spawnCount() {
        return commandLines.size();
    }
}
