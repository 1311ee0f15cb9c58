package org.neutrino.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.ConfigException;

/**
 * {@code neutrino-server --config-file FILE [--config-file FILE ...] [--config-dir DIR]}: later
 * files override earlier ones, as {@code neutron-server}.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Config config;
        try {
            config = parseArgs(args, NeutrinoServer.options());
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("neutrino-server: " + e.getMessage());
            System.exit(2);
            return;
        }
        NeutrinoServer server = new NeutrinoServer(config).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("neutrino-server: error on shutdown: " + e);
            }
        }, "shutdown"));
        Thread.currentThread().join();
    }

    /** Reads {@code --config-file}/{@code --config-dir} arguments into a {@link Config}. */
    public static Config parseArgs(String[] args, List<? extends org.neutrino.lib.config.Opt<?>> options) {
        List<Path> files = new ArrayList<>();
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
