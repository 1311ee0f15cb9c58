package org.neutrino.server.config;

import org.junit.jupiter.api.Test;
import org.neutrino.server.NeutrinoServer;
import org.neutrino.testlib.SampleConfigFiles;

/** {@code etc/neutrino.conf.sample} documents exactly the options the server declares. */
class SampleConfigFileTest {

    @Test
    void sampleFileMatchesDeclaredOptions() throws Exception {
        SampleConfigFiles.assertDocuments("neutrino.conf.sample", NeutrinoServer.options());
    }
}
