package org.neutrino.agent.metadata;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Instance-ID-Signature}, as Nova checks it: the lower-case hex HMAC-SHA256 of the
 * instance id, keyed with {@code metadata_proxy_shared_secret}.
 */
final class InstanceSignature {
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    InstanceSignature(String sharedSecret) {
        byte[] secret = sharedSecret.getBytes(StandardCharsets.UTF_8);
        // HMAC pads its key with zero bytes to the block size, so an empty secret is the key {0},
        // which the JDK accepts where it refuses an empty key.
        this.key = secret.length == 0 ? new byte[] {0} : secret;
    }

    String sign(String instanceId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(instanceId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + ALGORITHM, e);
        }
    }
}
