package org.neutrino.agent.dhcp;

import org.junit.jupiter.api.Test;
import org.neutrino.testlib.SampleConfigFiles;

/** {@code etc/dhcp_agent.ini.sample} documents exactly the options the DHCP agent reads. */
class DhcpSampleConfigTest {

    @Test
    void sampleFileMatchesDeclaredOptions() throws Exception {
        SampleConfigFiles.assertDocuments("dhcp_agent.ini.sample", DhcpAgentOptions.all());
    }
}
