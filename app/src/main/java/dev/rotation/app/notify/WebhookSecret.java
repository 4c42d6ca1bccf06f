package dev.rotation.app.notify;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The shared secret that signs webhook bodies. It is read once, from a file or from the environment
 * variable {@value #ENV}, and never shown: {@link #toString()} is redacted and no message quotes
 * it. Trailing line breaks and spaces of the file (an editor's final newline) are not part of it.
 */
public final class WebhookSecret {
    /** The environment variable read when no secret file is given. */
    public static final String ENV = "RD_WEBHOOK_SECRET";

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /** A secret from its text (UTF-8). */
    public static WebhookSecret of(String text) {
        String s = text.stripTrailing();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
        return new WebhookSecret(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The secret from {@code file} when given, else from {@value #ENV} in {@code env}.
     *
     * @throws IllegalArgumentException with one line saying what is missing or wrong (never the
     *     secret): no file and no variable, a file that does not exist, is a directory, cannot be
     *     read or is not UTF-8, or an empty secret
     */
    public static WebhookSecret resolve(Path file, Map<String, String> env) {
        if (file != null) {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(
                        "The secret file "
                                + file
                                + " is a directory (--secret-file): pass the file that holds the"
                                + " secret.");
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException(
                        "The secret file " + file + " does not exist (--secret-file).", e);
            } catch (AccessDeniedException e) {
                throw new IllegalArgumentException(
                        "Cannot read the secret file "
                                + file
                                + " (--secret-file): permission denied for this user.",
                        e);
            } catch (MalformedInputException e) {
                throw new IllegalArgumentException(
                        "The secret file " + file + " is not UTF-8 text (--secret-file).", e);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(
                        "Cannot read the secret file "
                                + file
                                + " (--secret-file): "
                                + e.getClass().getSimpleName()
                                + ".",
                        e);
            }
            if (text.isBlank()) {
                throw new IllegalArgumentException(
                        "The secret file " + file + " is empty (--secret-file).");
            }
            return of(text);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv == null || fromEnv.isBlank()) {
            throw new IllegalArgumentException(
                    "No webhook secret: pass --secret-file FILE or set $"
                            + ENV
                            + " (the receiver checks X-Signature-256 with it).");
        }
        return of(fromEnv);
    }

    /** The secret's bytes (a copy), as the HMAC key. */
    byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookSecret other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "WebhookSecret[hidden]";
    }
}
