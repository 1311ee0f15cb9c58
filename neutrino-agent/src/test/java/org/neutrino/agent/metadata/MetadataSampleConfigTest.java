package org.neutrino.agent.metadata;

import org.junit.jupiter.api.Test;
import org.neutrino.testlib.SampleConfigFiles;

/** {@code etc/metadata_agent.ini.sample} documents exactly the options the metadata agent reads. */
class MetadataSampleConfigTest {

    @Test
    void sampleFileMatchesDeclaredOptions() throws Exception {
        SampleConfigFiles.assertDocuments("metadata_agent.ini.sample", MetadataOptions.all());
    }
}
