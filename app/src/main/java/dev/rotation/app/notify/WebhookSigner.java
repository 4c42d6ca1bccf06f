package dev.rotation.app.notify;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook body: {@code sha256=} followed by the lower-case hex HMAC-SHA256 of the exact
 * body bytes under the shared secret, sent as {@value #HEADER} (the scheme GitHub's webhooks use).
 * A receiver recomputes it over the raw body it received, before parsing, and compares in constant
 * time.
 */
public final class WebhookSigner {
    /** The request header that carries the signature. */
    public static final String HEADER = "X-Signature-256";

    /** What precedes the hex digest in the header value. */
    public static final String PREFIX = "sha256=";

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public WebhookSigner(WebhookSecret secret) {
        this.key = new SecretKeySpec(secret.key(), ALGORITHM);
    }

    /** The header value for {@code body}: {@code sha256=<64 lower-case hex digits>}. */
    public String signature(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe: one per call
            mac.init(key);
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            // every Java runtime provides HmacSHA256
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[HmacSHA256, secret hidden]";
    }
}
