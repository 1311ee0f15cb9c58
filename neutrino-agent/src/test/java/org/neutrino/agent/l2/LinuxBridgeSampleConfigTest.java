package org.neutrino.agent.l2;

import org.junit.jupiter.api.Test;
import org.neutrino.testlib.SampleConfigFiles;

/** {@code etc/linuxbridge_agent.ini.sample} documents exactly the options the agent reads. */
class LinuxBridgeSampleConfigTest {

    @Test
    void sampleFileMatchesDeclaredOptions() throws Exception {
        SampleConfigFiles.assertDocuments("linuxbridge_agent.ini.sample", LinuxBridgeAgentMain.options());
    }
}
