package org.neutrino.agent.cmd;

import org.neutrino.agent.metadata.MetadataAgent;
import org.neutrino.agent.metadata.MetadataAgentConfig;
import org.neutrino.agent.metadata.MetadataOptions;

/**
 * {@code neutrino-metadata-agent --config-file neutrino.conf --config-file metadata_agent.ini}:
 * runs the {@link MetadataAgent} until SIGTERM (see {@link AgentCommandLine} for the arguments and
 * warnings).
 */
public final class MetadataAgentMain {
    private MetadataAgentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        AgentCommandLine.run("neutrino-metadata-agent", args, MetadataOptions.all(), config -> {
            MetadataAgentConfig settings = MetadataAgentConfig.from(config);
            return bus -> new MetadataAgent(settings, bus).start();
        });
    }
}
