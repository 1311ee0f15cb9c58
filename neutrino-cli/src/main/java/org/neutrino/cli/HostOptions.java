package org.neutrino.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neutrino.lib.config.CommonOptions;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.ConfigException;
import org.neutrino.linux.RootHelper;
import picocli.CommandLine.Option;

/**
 * Which host the {@code vif} commands act on, the way an agent of that host is configured:
 * {@code --root-helper} (as {@code [AGENT] root_helper}) and, optionally, the agent's
 * configuration files for {@code [DEFAULT] host} and {@code [AGENT] root_helper}.
 */
public final class HostOptions {
    @Option(names = "--root-helper", paramLabel = "PREFIX",
            description = "Prefix of every host command, e.g. 'sudo' or 'ip netns exec host-compute1' (a host "
                    + "simulated as a namespace). Default: [AGENT] root_helper of --config-file, else none.")
    String rootHelper;

    @Option(names = "--config-file", paramLabel = "FILE",
            description = "An agent configuration file to read [DEFAULT] host and [AGENT] root_helper from "
                    + "(repeatable; later files win).")
    List<Path> configFiles = new ArrayList<>();

    /** The same options for the fast path ({@link QuickCommand}). */
    static final List<AttributeOption> QUICK_OPTIONS = List.of(
            AttributeOption.value("--root-helper", "root_helper", "PREFIX", ""),
            AttributeOption.repeated("--config-file", "config_file", "FILE", ""));

    private Config config;

    /** For picocli, which sets the fields. */
    public HostOptions() {
    }

    /** The options as the fast path parsed them. */
    static HostOptions of(ParsedArgs args) {
        HostOptions options = new HostOptions();
        options.rootHelper = args.value("--root-helper", null);
        args.values("--config-file").forEach(file -> options.configFiles.add(Path.of(file)));
        return options;
    }

    /** The root helper: the option, else the configuration's, else none (empty text). */
    public String rootHelper() {
        if (rootHelper != null) {
            return rootHelper;
        }
        return configFiles.isEmpty() ? "" : config().get(RootHelper.OPTION);
    }

    /** {@code [DEFAULT] host} of the configuration files, when they set it. */
    public Optional<String> configuredHost() {
        return configFiles.isEmpty() ? Optional.empty() : config().find(CommonOptions.HOST).filter(h -> !h.isBlank());
    }

    private Config config() {
        if (config == null) {
            try {
                config = Config.load(configFiles);
            } catch (ConfigException e) {
                throw new CliException(e.getMessage(), e);
            }
        }
        return config;
    }
}
