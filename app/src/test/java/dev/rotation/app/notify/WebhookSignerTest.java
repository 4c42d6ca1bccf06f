package dev.rotation.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signature and where its secret comes from, against published HMAC-SHA256 vectors. */
class WebhookSignerTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signsAsRfc4231TestCaseTwo() {
        WebhookSigner signer = new WebhookSigner(WebhookSecret.of("Jefe"));
        assertThat(signer.signature(utf8("what do ya want for nothing?")))
                .isEqualTo(
                        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void signsAsGitHubDocumentsItsWebhookExample() {
        WebhookSigner signer = new WebhookSigner(WebhookSecret.of("It's a Secret to Everybody"));
        assertThat(signer.signature(utf8("Hello, World!")))
                .isEqualTo(
                        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void anotherBodyOrSecretGivesAnotherSignature() {
        WebhookSigner signer = new WebhookSigner(WebhookSecret.of("s3cret"));
        String a = signer.signature(utf8("{\"alertId\":\"a\"}"));
        assertThat(a).matches("sha256=[0-9a-f]{64}");
        assertThat(signer.signature(utf8("{\"alertId\":\"b\"}"))).isNotEqualTo(a);
        assertThat(
                        new WebhookSigner(WebhookSecret.of("other"))
                                .signature(utf8("{\"alertId\":\"a\"}")))
                .isNotEqualTo(a);
    }

    @Test
    void theSecretComesFromTheFileWithoutItsFinalNewlineElseFromTheEnvironment(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, "s3cret\n");
        WebhookSecret fromFile =
                WebhookSecret.resolve(
                        file, Map.of(WebhookSecret.ENV, "ignored when a file is given"));
        assertThat(fromFile).isEqualTo(WebhookSecret.of("s3cret"));
        assertThat(WebhookSecret.resolve(null, Map.of(WebhookSecret.ENV, "s3cret")))
                .isEqualTo(fromFile);
    }

    @Test
    void theSecretIsNeverShown(@TempDir Path dir) throws Exception {
        WebhookSecret secret = WebhookSecret.of("s3cret-value");
        assertThat(secret.toString()).doesNotContain("s3cret").contains("hidden");
        assertThat(new WebhookSigner(secret).toString()).doesNotContain("s3cret");
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        assertThatThrownBy(() -> WebhookSecret.resolve(empty, Map.of()))
                .hasMessage("The secret file " + empty + " is empty (--secret-file).");
    }

    @Test
    void aMissingSecretIsOneLineSayingWhatToDo(@TempDir Path dir) {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> WebhookSecret.resolve(missing, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The secret file " + missing + " does not exist (--secret-file).");
        assertThatThrownBy(() -> WebhookSecret.resolve(null, Map.of()))
                .hasMessage(
                        "No webhook secret: pass --secret-file FILE or set $RD_WEBHOOK_SECRET"
                                + " (the receiver checks X-Signature-256 with it).");
    }
}
