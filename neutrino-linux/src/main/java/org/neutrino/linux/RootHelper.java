package org.neutrino.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neutrino.lib.config.Opt;

/**
 * The {@code [AGENT] root_helper} option, parsed: a privilege prefix (e.g. {@code sudo}) and,
 * when the helper ends with {@code ip netns exec <name>}, the namespace that stands for this
 * agent's host. An empty option means neither.
 */
public record RootHelper(List<String> privilegePrefix, Optional<String> hostNamespace) {
    /** {@code [AGENT] root_helper}. */
    public static final Opt<String> OPTION = Opt.string("AGENT", "root_helper", "",
            "Prefix of every command that changes the host, e.g. 'sudo' or 'ip netns exec host1' (a host simulated "
                    + "as a network namespace). Empty: run commands as they are (the agent runs as root).");

    private static final List<String> NETNS_EXEC = List.of("ip", "netns", "exec");

    public RootHelper {
        privilegePrefix = List.copyOf(privilegePrefix);
        hostNamespace.ifPresent(ns -> {
            if (ns.isBlank()) {
                throw new IllegalArgumentException("host namespace must not be blank");
            }
        });
    }

    /** No root helper: commands run as they are. */
    public static RootHelper none() {
        return new RootHelper(List.of(), Optional.empty());
    }

    /** Parses the option's value, split on whitespace; blank or null means {@link #none()}. */
    public static RootHelper parse(String option) {
        if (option == null || option.isBlank()) {
            return none();
        }
        List<String> words = List.of(option.strip().split("\\s+"));
        int n = words.size();
        if (n >= 4 && words.subList(n - 4, n - 1).equals(NETNS_EXEC)) {
            return new RootHelper(words.subList(0, n - 4), Optional.of(words.get(n - 1)));
        }
        return new RootHelper(words, Optional.empty());
    }

    /** The full argv to spawn for {@code command}. */
    public List<String> wrap(Command command) {
        List<String> argv = new ArrayList<>(privilegePrefix);
        if (!command.skipsHostNamespace()) {
            hostNamespace.ifPresent(ns -> argv.addAll(List.of("ip", "netns", "exec", ns)));
        }
        argv.addAll(command.argv());
        return argv;
    }
}
