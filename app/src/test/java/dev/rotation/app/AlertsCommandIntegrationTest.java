package dev.rotation.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.platform.LocalPlatform;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code alerts} against the embedded platform: an absent topic is one line; a present, empty one
 * ends cleanly.
 */
@Tag("integration")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AlertsCommandIntegrationTest {

    @Test
    void anAbsentTopicIsOneLineAndAnEmptyOneEndsWhenCaughtUp(@TempDir Path dir) throws Exception {
        String topic = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
        try (LocalPlatform platform = LocalPlatform.startForTests(dir)) {
            String[] args = {
                "alerts",
                "--from-beginning",
                "--topic",
                topic,
                "--bootstrap-servers",
                platform.bootstrapServers(),
                "--schema-registry-url",
                platform.registryUrl()
            };
            StringWriter err = new StringWriter();
            CommandLine cl = RotationDetector.commandLine().setErr(new PrintWriter(err, true));
            assertThat(cl.execute(args)).isEqualTo(1);
            assertThat(err.toString())
                    .isEqualTo(
                            "The topic "
                                    + topic
                                    + " does not exist on "
                                    + platform.bootstrapServers()
                                    + ": the processor creates it when it starts (./rotation-detector process), or pass --topic NAME."
                                    + System.lineSeparator());

            try (Admin admin = Admin.create(platform.connectionSettings().kafkaClientConfig())) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            // the table goes to System.out, the command's own output
            PrintStream stdout = System.out;
            ByteArrayOutputStream table = new ByteArrayOutputStream();
            int code;
            try {
                System.setOut(new PrintStream(table, true, StandardCharsets.UTF_8));
                code = RotationDetector.commandLine().execute(args);
            } finally {
                System.setOut(stdout);
            }
            assertThat(code).isZero();
            assertThat(table.toString(StandardCharsets.UTF_8))
                    .contains(
                            "0 alert(s) shown from "
                                    + topic
                                    + " on "
                                    + platform.bootstrapServers());
        }
    }
}
