package org.neutrino.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** A generated command under picocli: hands what picocli parsed to its {@link ResourceRequest}. */
final class GeneratedCommand implements Callable<Integer> {
    private final CliEnvironment environment;
    private final ResourceRequest request;
    CommandSpec spec;

    GeneratedCommand(CliEnvironment environment, ResourceRequest request) {
        this.environment = environment;
        this.request = request;
    }

    @Override
    public Integer call() {
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(List.of(ResourceRequest.FORMAT, ResourceRequest.COLUMN,
                ResourceRequest.FIELD));
        request.options().forEach(option -> names.add(option.names().getFirst()));
        for (String name : names) {
            OptionSpec option = spec.findOption(name);
            if (option != null && (spec.commandLine().getParseResult().hasMatchedOption(option)
                    || name.equals(ResourceRequest.FORMAT))) {
                options.put(name, strings(option.getValue()));
            }
        }
        List<String> positionals = new ArrayList<>();
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            positionals.addAll(strings(positional.getValue()));
        }
        request.run(new ParsedArgs(options, positionals), NeutrinoCli.api(environment, spec), spec.commandLine().getOut());
        return ExitStatus.OK;
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
