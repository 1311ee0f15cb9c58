package org.neutrino.agent.cmd;

import java.util.List;
import org.neutrino.agent.common.AgentOptions;
import org.neutrino.agent.l3.L3Agent;
import org.neutrino.agent.l3.L3AgentConfig;
import org.neutrino.agent.l3.L3AgentOptions;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.ConfigArguments;
import org.neutrino.lib.config.UnknownOption;
import org.neutrino.linux.ProcessExecutor;

/**
 * {@code neutrino-l3-agent --config-file neutrino.conf --config-file l3_agent.ini}: runs the
 * {@link L3Agent} until SIGTERM (see {@link AgentCommandLine} for the arguments and warnings).
 */
public final class L3AgentMain {
    private L3AgentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        AgentCommandLine.run("neutrino-l3-agent", args, L3AgentOptions.all(), config -> {
            L3AgentConfig settings = L3AgentConfig.from(config);
            return bus -> new L3Agent(settings, bus,
                    ProcessExecutor.forRootHelper(config.get(AgentOptions.ROOT_HELPER))).start();
        });
    }

    /** The unknown options worth a warning (see {@link AgentCommandLine}). */
    static List<UnknownOption> unknownOptionsToWarn(Config config) {
        return AgentCommandLine.unknownOptionsToWarn(config, L3AgentOptions.all());
    }

    /** Reads {@code --config-file FILE} (repeatable) and {@code --config-dir DIR} into a configuration. */
    static Config parseArgs(String[] args) {
        return ConfigArguments.parse(args, L3AgentOptions.all());
    }
}
