package org.neutrino.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One process to run: its argv, what to write on its stdin, which exit codes count as success
 * besides 0, and whether it skips the root helper's host namespace (by default it runs inside
 * it; see {@link #outsideHostNamespace()}).
 *
 * <p>{@code skipsHostNamespace} exists for {@code ip netns add/delete}: {@code ip netns exec}
 * gives its child a private (slave) mount namespace, so a namespace mount made below a root
 * helper of the form {@code ip netns exec <host>} would vanish with the process. Such commands
 * keep the root helper's privilege prefix (e.g. {@code sudo}) and drop its namespace part.
 */
public record Command(List<String> argv, Optional<String> stdin, Set<Integer> okExitCodes,
                      boolean skipsHostNamespace) {

    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program name");
        }
        for (String arg : argv) {
            if (arg == null) {
                throw new IllegalArgumentException("null argument in " + argv);
            }
        }
        stdin = stdin == null ? Optional.empty() : stdin;
        okExitCodes = Set.copyOf(okExitCodes);
    }

    /** A command with this argv, no stdin, only exit code 0 as success. */
    public static Command of(String... argv) {
        return of(List.of(argv));
    }

    /** A command with this argv, no stdin, only exit code 0 as success. */
    public static Command of(List<String> argv) {
        return new Command(argv, Optional.empty(), Set.of(), false);
    }

    /** This command with {@code input} written to its stdin. */
    public Command withStdin(String input) {
        return new Command(argv, Optional.of(input), okExitCodes, skipsHostNamespace);
    }

    /** This command, also treating {@code codes} as success. */
    public Command allowingExitCodes(Integer... codes) {
        Set<Integer> all = new TreeSet<>(okExitCodes);
        all.addAll(List.of(codes));
        return new Command(argv, stdin, all, skipsHostNamespace);
    }

    /** This command run inside network namespace {@code namespace}: {@code ip netns exec <ns> argv}. */
    public Command inNamespace(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("namespace must not be blank");
        }
        List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        wrapped.addAll(argv);
        return new Command(wrapped, stdin, okExitCodes, skipsHostNamespace);
    }

    /** This command run outside the root helper's host namespace (see the type's Javadoc). */
    public Command outsideHostNamespace() {
        return new Command(argv, stdin, okExitCodes, true);
    }

    /** Whether {@code exitCode} counts as success for this command. */
    public boolean isOk(int exitCode) {
        return exitCode == 0 || okExitCodes.contains(exitCode);
    }

    /** The argv as one line, for logs and messages. */
    public String commandLine() {
        return String.join(" ", argv);
    }
}
