package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The hand-written commands on the fast path take exactly the options their picocli classes
 * declare (names and shapes), so that a command line means the same on both paths.
 */
class QuickOptionsTest {
    private static final CliEnvironment ENVIRONMENT = new CliEnvironment(new ObjectMapper(), h -> {
        throw new AssertionError();
    }, () -> "m");
    private final Map<String, QuickCommand> quick = NeutrinoCli.quickCommands(CommandCatalog.of(Resources.all()));

    @Test
    void vifPlugAndUnplug() {
        assertThat(shapes(quick.get("vif plug"))).isEqualTo(shapes(new VifPlugCommand(ENVIRONMENT)));
        assertThat(shapes(quick.get("vif unplug"))).isEqualTo(shapes(new VifUnplugCommand(ENVIRONMENT)));
    }

    @Test
    void portList() {
        CommandSpec list = CommandSpec.forAnnotatedObject(new PortCommand(ENVIRONMENT)).subcommands().get("list")
                .getCommandSpec();
        assertThat(shapes(quick.get("port list"))).isEqualTo(shapes(list));
        assertThat(shapes(quick.get("network list"))).isEmpty();
        assertThat(shapes(quick.get("agent list"))).isEmpty();
    }

    /** Option name → shape, of a quick command. */
    private static Map<String, AttributeOption.Shape> shapes(QuickCommand command) {
        Map<String, AttributeOption.Shape> shapes = new TreeMap<>();
        command.quickOptions().forEach(option -> option.names().forEach(name -> shapes.put(name, option.shape())));
        return shapes;
    }

    /** Option name → shape, of a picocli command (without its help options). */
    private static Map<String, AttributeOption.Shape> shapes(Object picocliCommand) {
        return shapes(new CommandLine(picocliCommand).getCommandSpec());
    }

    private static Map<String, AttributeOption.Shape> shapes(CommandSpec spec) {
        Map<String, AttributeOption.Shape> shapes = new TreeMap<>();
        for (OptionSpec option : spec.options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            AttributeOption.Shape shape = option.arity().max() == 0 ? AttributeOption.Shape.FLAG
                    : option.isMultiValue() ? AttributeOption.Shape.REPEATED : AttributeOption.Shape.VALUE;
            for (String name : option.names()) {
                shapes.put(name, shape);
            }
        }
        return shapes;
    }
}
