package org.neutrino.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A command of a resource beyond create/list/show/update/delete, declared as data plus what it
 * does: {@code router-interface-add ROUTER INTERFACE}, {@code floatingip-associate FIP PORT}.
 *
 * @param arguments labels of the positional arguments, all required
 * @param options   options, parsed into {@link Invocation#options()} under their attribute names
 */
public record Action(String name, String description, List<String> arguments, List<AttributeOption> options,
                     Performer performer) {
    public Action {
        arguments = List.copyOf(arguments);
        options = List.copyOf(options);
    }

    /** What an action does with its parsed command line. */
    @FunctionalInterface
    public interface Performer {
        void perform(Invocation invocation);
    }

    /** One run of an action: the API, the name lookup, the arguments as given and the parsed options. */
    public record Invocation(ApiClient api, NameResolver names, List<String> arguments, ObjectNode options,
                             Output output) {
        /** The {@code index}th positional argument. */
        public String argument(int index) {
            return arguments.get(index);
        }
    }
}
