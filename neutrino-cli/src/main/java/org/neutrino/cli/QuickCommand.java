package org.neutrino.cli;

import java.util.List;

/**
 * A command the fast path ({@link QuickParser}) runs without loading picocli: the options it
 * takes (their names and shapes; {@link ParsedArgs} keys them by their first name), whether a
 * parsed line is complete, and what it does. A line the fast path cannot take whole — help, an
 * unknown option, a missing argument — goes to picocli, which gives the same result or the usage error.
 */
interface QuickCommand {
    /** Every option of the command. */
    List<AttributeOption> quickOptions();

    /** Whether {@code args} has all the command needs (else picocli says what is missing). */
    boolean complete(ParsedArgs args);

    /** Runs the command. */
    void run(ParsedArgs args, CommandContext context);
}
