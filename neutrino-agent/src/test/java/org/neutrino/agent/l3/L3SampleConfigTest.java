package org.neutrino.agent.l3;

import org.junit.jupiter.api.Test;
import org.neutrino.testlib.SampleConfigFiles;

/** {@code etc/l3_agent.ini.sample} documents exactly the options the L3 agent reads. */
class L3SampleConfigTest {

    @Test
    void sampleFileMatchesDeclaredOptions() throws Exception {
        SampleConfigFiles.assertDocuments("l3_agent.ini.sample", L3AgentOptions.all());
    }
}
