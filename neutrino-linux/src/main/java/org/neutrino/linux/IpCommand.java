package org.neutrino.linux;

import java.util.List;

/**
 * One {@code ip} operation: its arguments without the program name and without the namespace
 * option, so that the same value runs alone ({@code ip -n ns <args>}) or as one line of an
 * {@code ip -batch} input. Made by {@link IpCommands}.
 */
public record IpCommand(List<String> args) {
    public IpCommand {
        args = List.copyOf(args);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("an ip command needs arguments");
        }
        for (String arg : args) {
            if (arg.isEmpty() || arg.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '#')) {
                throw new IllegalArgumentException("argument not allowed in an ip batch line: '" + arg + "'");
            }
        }
    }

    /** The line for an {@code ip -batch} input. */
    public String toBatchLine() {
        return String.join(" ", args);
    }
}
