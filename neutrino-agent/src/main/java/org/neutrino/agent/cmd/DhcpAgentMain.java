package org.neutrino.agent.cmd;

import java.util.List;
import org.neutrino.agent.common.AgentOptions;
import org.neutrino.agent.dhcp.DhcpAgent;
import org.neutrino.agent.dhcp.DhcpAgentConfig;
import org.neutrino.agent.dhcp.DhcpAgentOptions;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.ConfigArguments;
import org.neutrino.lib.config.UnknownOption;
import org.neutrino.linux.ProcessExecutor;

/**
 * {@code neutrino-dhcp-agent --config-file neutrino.conf --config-file dhcp_agent.ini}: runs the
 * {@link DhcpAgent} until SIGTERM (see {@link AgentCommandLine} for the arguments and warnings).
 */
public final class DhcpAgentMain {
    private DhcpAgentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        AgentCommandLine.run("neutrino-dhcp-agent", args, DhcpAgentOptions.all(), config -> {
            DhcpAgentConfig settings = DhcpAgentConfig.from(config);
            return bus -> new DhcpAgent(settings, bus,
                    ProcessExecutor.forRootHelper(config.get(AgentOptions.ROOT_HELPER))).start();
        });
    }

    /** The unknown options worth a warning (see {@link AgentCommandLine}). */
    static List<UnknownOption> unknownOptionsToWarn(Config config) {
        return AgentCommandLine.unknownOptionsToWarn(config, DhcpAgentOptions.all());
    }

    /** Reads {@code --config-file FILE} (repeatable) and {@code --config-dir DIR} into a configuration. */
    static Config parseArgs(String[] args) {
        return ConfigArguments.parse(args, DhcpAgentOptions.all());
    }
}
