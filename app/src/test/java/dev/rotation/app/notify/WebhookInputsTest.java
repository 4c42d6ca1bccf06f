package dev.rotation.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user types for {@code --webhook} and {@code --secret-file}, and the one line a mistake
 * gets.
 */
class WebhookInputsTest {
    private static final String HINT =
            " Pass --webhook https://HOST/PATH (http:// for a receiver on this machine).";

    @Test
    void aUrlWithoutSchemeSaysWhichSchemesAreTakenNotThatTheHostIsABadScheme() {
        for (String typed : new String[] {"localhost:8080/hook", "127.0.0.1:8080/hook", "hooks"}) {
            assertThatThrownBy(() -> WebhookTarget.parse(typed))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "The webhook URL must start with https:// or http:// (--webhook)."
                                    + HINT);
        }
    }

    @Test
    void anHttpUrlWithHostAndPathIsTaken() {
        WebhookTarget t = WebhookTarget.parse(" http://127.0.0.1:8080/hook?token=x ");
        assertThat(t.uri().getHost()).isEqualTo("127.0.0.1");
        assertThat(t.uri().getPort()).isEqualTo(8080);
        assertThat(t.display()).isEqualTo("http://127.0.0.1:8080/…");
    }

    @Test
    void aDirectoryAsSecretFileIsNamedAsSuch(@TempDir Path dir) {
        assertThatThrownBy(() -> WebhookSecret.resolve(dir, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "The secret file "
                                + dir
                                + " is a directory (--secret-file): pass the file that holds the"
                                + " secret.");
    }

    @Test
    void aSecretFileThatIsNotUtf8IsNamedAsSuch(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("secret");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        assertThatThrownBy(() -> WebhookSecret.resolve(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The secret file " + file + " is not UTF-8 text (--secret-file).");
    }

    @Test
    void theFileWinsOverTheEnvironmentAndItsFinalNewlineIsNotPartOfTheSecret(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("secret");
        Files.writeString(file, "s3cret\n");
        assertThat(WebhookSecret.resolve(file, Map.of(WebhookSecret.ENV, "other")))
                .isEqualTo(WebhookSecret.of("s3cret"));
    }
}
