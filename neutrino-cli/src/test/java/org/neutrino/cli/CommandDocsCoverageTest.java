package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/cli.md names every command of the picocli tree ({@code neutrino} with no arguments builds
 * all of them: the generated ones, {@code network list}, {@code trace floatingip}, {@code vif
 * plug}, ...) and every option of each, in its code: fenced blocks and {@code `inline`} spans, as
 * a command or option is written. A command or option added without a word in the doc fails here.
 */
class CommandDocsCoverageTest {
    private static final Pattern FENCED = Pattern.compile("(?s)```[^\\n]*\\n(.*?)```");
    private static final Pattern INLINE = Pattern.compile("`([^`\\n]+)`");

    private static String code;
    private static CommandLine root;

    @BeforeAll
    static void readDocsAndTree() throws IOException {
        code = code(Files.readString(Path.of("..", "docs", "cli.md")));
        CliEnvironment environment = new CliEnvironment(new ObjectMapper(), helper -> {
            throw new AssertionError("no host command while building the command tree");
        }, () -> "docs-host");
        root = PicocliRun.commandLine(new String[0], CommandCatalog.of(Resources.all()), environment);
    }

    @Test
    void everyCommandIsInTheDocs() {
        List<String> paths = commands(root).stream().map(CommandDocsCoverageTest::path).toList();

        assertThat(paths).as("the tree").contains("net-create", "trace port", "trace floatingip", "vif plug",
                "network list", "agent-list", "quota-default-show", "help");
        assertThat(paths.stream().filter(path -> !mentioned(path)).toList())
                .as("commands docs/cli.md does not name in its code").isEmpty();
    }

    @Test
    void everyOptionIsInTheDocs() {
        List<String> missing = new ArrayList<>();
        for (CommandLine command : commands(root)) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.inherited() || option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                String longest = Arrays.stream(option.names()).max(Comparator.comparingInt(String::length)).orElseThrow();
                if (!mentioned(longest)) {
                    missing.add(path(command) + " " + longest);
                }
            }
        }
        assertThat(missing).as("options docs/cli.md does not name in its code").isEmpty();
    }

    @Test
    void anUndocumentedNameIsFound() {
        assertThat(mentioned("trace floatingip")).isTrue();
        assertThat(mentioned("trace")).isTrue();
        assertThat(mentioned("trace router")).isFalse();
        assertThat(mentioned("--probe")).isTrue();
        assertThat(mentioned("--prob")).isFalse();
        assertThat(mentioned("agent list")).isTrue();
    }

    /** The root's commands and theirs, depth first; not the root itself. */
    private static List<CommandLine> commands(CommandLine parent) {
        List<CommandLine> out = new ArrayList<>();
        for (CommandLine child : parent.getSubcommands().values()) {
            out.add(child);
            out.addAll(commands(child));
        }
        return out;
    }

    /** {@code trace floatingip} for that command. */
    private static String path(CommandLine command) {
        List<String> names = new ArrayList<>();
        for (CommandSpec spec = command.getCommandSpec(); spec.parent() != null; spec = spec.parent()) {
            names.addFirst(spec.name());
        }
        return String.join(" ", names);
    }

    /** Whether the docs' code has {@code words} as a whole: not inside a longer name. */
    private static boolean mentioned(String words) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(words) + "(?![\\w-])").matcher(code).find();
    }

    /** The fenced blocks and inline spans of a Markdown text, one per line. */
    private static String code(String markdown) {
        StringBuilder out = new StringBuilder();
        Matcher fenced = FENCED.matcher(markdown);
        while (fenced.find()) {
            out.append(fenced.group(1)).append('\n');
        }
        Matcher inline = INLINE.matcher(FENCED.matcher(markdown).replaceAll(""));
        while (inline.find()) {
            out.append(inline.group(1)).append('\n');
        }
        return out.toString();
    }
}
