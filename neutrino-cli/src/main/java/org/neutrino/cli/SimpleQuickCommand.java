package org.neutrino.cli;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * A hand-written command on the fast path that takes {@code arguments} positional arguments and
 * {@code options}, and does {@code action} ({@code port list --network ID}, ...).
 */
record SimpleQuickCommand(int arguments, List<AttributeOption> options, BiConsumer<ParsedArgs, CommandContext> action)
        implements QuickCommand {
    SimpleQuickCommand {
        options = List.copyOf(options);
    }

    @Override
    public List<AttributeOption> quickOptions() {
        return options;
    }

    @Override
    public boolean complete(ParsedArgs args) {
        return args.positionals().size() == arguments;
    }

    @Override
    public void run(ParsedArgs args, CommandContext context) {
        action.accept(args, context);
    }
}
