package org.neutrino.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * Network namespaces ({@code ip netns}). Adding and deleting run outside the root helper's
 * host namespace (see {@link Command#outsideHostNamespace()}), so that the namespace mount is
 * made where every process sees it; the new namespace itself is fresh either way.
 */
public final class IpNetns {
    private final Executor executor;

    public IpNetns(Executor executor) {
        this.executor = executor;
    }

    /** Creates namespace {@code name}. @throws CommandFailedException if it exists */
    public void add(String name) {
        executor.check(Command.of("ip", "netns", "add", requireName(name)).outsideHostNamespace());
    }

    /** Creates namespace {@code name} unless it exists; returns whether it was created. */
    public boolean ensure(String name) {
        if (exists(name)) {
            return false;
        }
        add(name);
        return true;
    }

    /** Deletes namespace {@code name}; deleting one that does not exist is not an error. */
    public void delete(String name) {
        CommandResult result = executor.check(
                Command.of("ip", "netns", "delete", requireName(name)).allowingExitCodes(1).outsideHostNamespace());
        if (result.exitCode() != 0 && exists(name)) {
            throw new CommandFailedException(List.of("ip", "netns", "delete", name), result.exitCode(), result.stderr());
        }
    }

    /** The names of every namespace on the machine. */
    public List<String> list() {
        String out = executor.check(Command.of("ip", "netns", "list").outsideHostNamespace()).stdout();
        List<String> names = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip().split("\\s+")[0]);
            }
        }
        return names;
    }

    public boolean exists(String name) {
        return list().contains(name);
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank() || name.contains("/") || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not a namespace name: '" + name + "'");
        }
        return name;
    }
}
