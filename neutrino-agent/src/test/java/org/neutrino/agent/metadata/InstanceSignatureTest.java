package org.neutrino.agent.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The signature Nova recomputes: values from Python's {@code hmac.new(secret, id, sha256).hexdigest()}. */
class InstanceSignatureTest {
    private static final String INSTANCE = "3f2a9c1e-7b44-4c1e-9d7a-0123456789ab";

    @Test
    void isTheHexHmacSha256OfTheInstanceIdKeyedWithTheSharedSecret() {
        assertThat(new InstanceSignature("metadata-secret").sign(INSTANCE))
                .isEqualTo("7b1b860448f2621588ccba238e37e8cdeb7560194022f9f08fef54ede3f1ff52");
    }

    @Test
    void anEmptySecretSignsAsPythonDoes() {
        assertThat(new InstanceSignature("").sign(INSTANCE))
                .isEqualTo("3b452f5f82ed349677ed0e0982aa993732aa0b0962b1a42f95d96926cf0766af");
    }
}
