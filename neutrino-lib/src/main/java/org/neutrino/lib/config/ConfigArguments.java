package org.neutrino.lib.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The command line of every Neutrino process, as Neutron's: {@code --config-file FILE}
 * (repeatable; later files override earlier ones) and {@code --config-dir DIR}, also in the
 * {@code --option=value} form.
 */
public final class ConfigArguments {
    private ConfigArguments() {
    }

    /**
     * Reads the configuration named by {@code args}.
     *
     * @throws IllegalArgumentException for an unknown argument or an unreadable file
     */
    public static Config parse(String[] args, Collection<? extends Opt<?>> options) {
        Config.Builder builder = Config.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
                arg = arg.substring(0, arg.indexOf('='));
            } else if (i + 1 < args.length) {
                value = args[++i];
            }
            if (value == null) {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
            switch (arg) {
                case "--config-file" -> {
                    Path file = Path.of(value);
                    if (!Files.isReadable(file)) {
                        throw new IllegalArgumentException("cannot read config file " + file);
                    }
                    builder.file(file);
                }
                case "--config-dir" -> builder.configDir(Path.of(value));
                default -> throw new IllegalArgumentException("unknown argument " + arg
                        + " (usage: --config-file FILE [--config-file FILE ...] [--config-dir DIR])");
            }
        }
        return builder.declare(options).build();
    }
}
