package dev.rotation.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registry driven by Confluent's own Python client, {@code
 * confluent_kafka.schema_registry.SchemaRegistryClient}: register, lookup, versions, per-subject
 * compatibility, compatibility checks, version and subject deletes (soft, and permanent, which the
 * client does as soft then permanent). The script prints what each call returned (or the error it
 * raised) as one JSON object. Skipped where {@code python3-confluent-kafka} (with {@code
 * python3-requests}) is not installed.
 */
@Tag("integration")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@ExtendWith(SharedPlatform.class)
class ConfluentPythonClientConformanceIntegrationTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT =
            """
            import json, sys
            from confluent_kafka.schema_registry import SchemaRegistryClient, Schema
            from confluent_kafka.schema_registry.error import SchemaRegistryError

            url, subject, other, v1, v2, incompatible, lone = sys.argv[1:8]
            out = {}

            def client():
                return SchemaRegistryClient({'url': url})

            def error(call):
                try:
                    call()
                except SchemaRegistryError as e:
                    return {'status': e.http_status_code, 'error_code': e.error_code}
                return None

            c = client()
            out['id1'] = c.register_schema(subject, Schema(v1, 'AVRO'))
            out['id2'] = c.register_schema(subject, Schema(v2, 'AVRO'))
            out['id1_again'] = client().register_schema(subject, Schema(v1, 'AVRO'))
            out['versions'] = c.get_versions(subject)
            found = client().lookup_schema(subject, Schema(v1, 'AVRO'))
            out['lookup'] = {'id': found.schema_id, 'version': found.version, 'subject': found.subject}
            out['lookup_unknown'] = error(lambda: client().lookup_schema(subject, Schema(lone, 'AVRO')))
            latest = c.get_latest_version(subject)
            out['latest'] = {'id': latest.schema_id, 'version': latest.version}
            out['listed'] = subject in c.get_subjects()
            out['set_level'] = c.set_compatibility(subject_name=subject, level='FULL')
            out['level'] = c.get_compatibility(subject)
            out['global_level'] = c.get_compatibility()
            out['compatible'] = c.test_compatibility(subject, Schema(v2, 'AVRO'))
            out['incompatible'] = c.test_compatibility(subject, Schema(incompatible, 'AVRO'))
            out['register_incompatible'] = error(lambda: c.register_schema(subject, Schema(incompatible, 'AVRO')))
            out['delete_version'] = c.delete_version(subject, 2)
            out['versions_after_delete'] = c.get_versions(subject)
            out['id2_schema'] = client().get_schema(out['id2']).schema_str
            out['soft_delete'] = c.delete_subject(subject)
            out['listed_after_delete'] = subject in c.get_subjects()
            out['soft_delete_again'] = error(lambda: c.delete_subject(subject))
            out['level_after_soft_delete'] = c.get_compatibility(subject)
            out['id1_schema'] = client().get_schema(out['id1']).schema_str
            out['lone_id'] = c.register_schema(other, Schema(lone, 'AVRO'))
            c.set_compatibility(subject_name=other, level='NONE')
            out['permanent_delete'] = c.delete_subject(other, permanent=True)
            out['other_versions'] = error(lambda: c.get_versions(other))
            out['other_level'] = error(lambda: c.get_compatibility(other))
            out['lone_id_gone'] = error(lambda: client().get_schema(out['lone_id']))
            print(json.dumps(out))
            """;

    @BeforeAll
    static void requireConfluentPythonClient() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON);
        Process p =
                new ProcessBuilder(PYTHON, "-c", "import confluent_kafka.schema_registry")
                        .redirectErrorStream(true)
                        .start();
        p.getInputStream().readAllBytes();
        assumeTrue(
                p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0,
                "confluent_kafka.schema_registry is not importable (install python3-confluent-kafka and python3-requests)");
    }

    @Test
    void confluentsPythonClientGetsConfluentsAnswers() throws Exception {
        String subject = SharedPlatform.unique("py-conformance") + "-value";
        String other = SharedPlatform.unique("py-permanent") + "-value";
        String ns = "test." + subject.replaceAll("[^A-Za-z0-9]", "_");
        String v1 =
                "{\"type\":\"record\",\"name\":\"Quote\",\"namespace\":\""
                        + ns
                        + "\",\"fields\":["
                        + "{\"name\":\"symbol\",\"type\":\"string\"}]}";
        String v2 =
                "{\"type\":\"record\",\"name\":\"Quote\",\"namespace\":\""
                        + ns
                        + "\",\"fields\":["
                        + "{\"name\":\"symbol\",\"type\":\"string\"},"
                        + "{\"name\":\"venue\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
        String incompatible =
                "{\"type\":\"record\",\"name\":\"Quote\",\"namespace\":\""
                        + ns
                        + "\",\"fields\":["
                        + "{\"name\":\"symbol\",\"type\":\"string\"},{\"name\":\"size\",\"type\":\"double\"}]}";
        String lone =
                "{\"type\":\"record\",\"name\":\"Lone\",\"namespace\":\""
                        + ns
                        + "\",\"fields\":["
                        + "{\"name\":\"x\",\"type\":\"long\"}]}";

        JsonNode out =
                runPython(
                        SharedPlatform.platform().registryUrl(),
                        subject,
                        other,
                        v1,
                        v2,
                        incompatible,
                        lone);

        int id1 = out.path("id1").asInt();
        int id2 = out.path("id2").asInt();
        assertThat(id1).isPositive();
        assertThat(id2).isNotEqualTo(id1);
        assertThat(out.path("id1_again").asInt()).isEqualTo(id1);
        assertThat(out.path("versions").toString()).isEqualTo("[1,2]");
        assertThat(out.path("lookup").path("id").asInt()).isEqualTo(id1);
        assertThat(out.path("lookup").path("version").asInt()).isEqualTo(1);
        assertThat(out.path("lookup").path("subject").asText()).isEqualTo(subject);
        assertError(out.path("lookup_unknown"), 404, 40403);
        assertThat(out.path("latest").path("version").asInt()).isEqualTo(2);
        assertThat(out.path("latest").path("id").asInt()).isEqualTo(id2);
        assertThat(out.path("listed").asBoolean()).isTrue();

        assertThat(out.path("set_level").path("compatibility").asText()).isEqualTo("FULL");
        assertThat(out.path("level").asText()).isEqualTo("FULL");
        assertThat(out.path("global_level").asText()).isEqualTo("BACKWARD");
        assertThat(out.path("compatible").asBoolean()).isTrue();
        assertThat(out.path("incompatible").asBoolean()).isFalse();
        assertError(out.path("register_incompatible"), 409, 409);

        assertThat(out.path("delete_version").asInt()).isEqualTo(2);
        assertThat(out.path("versions_after_delete").toString()).isEqualTo("[1]");
        assertThat(new Schema.Parser().parse(out.path("id2_schema").asText()))
                .isEqualTo(new Schema.Parser().parse(v2));
        assertThat(out.path("soft_delete").toString()).isEqualTo("[1]");
        assertThat(out.path("listed_after_delete").asBoolean()).isFalse();
        assertError(out.path("soft_delete_again"), 404, 40404);
        assertThat(out.path("level_after_soft_delete").asText()).isEqualTo("FULL");
        assertThat(new Schema.Parser().parse(out.path("id1_schema").asText()))
                .isEqualTo(new Schema.Parser().parse(v1));

        assertThat(out.path("permanent_delete").toString()).isEqualTo("[1]");
        assertError(out.path("other_versions"), 404, 40401);
        assertError(out.path("other_level"), 404, 40408);
        assertError(out.path("lone_id_gone"), 404, 40403);
    }

    private static void assertError(JsonNode error, int status, int errorCode) {
        assertThat(error.isObject()).as("expected an error, got " + error).isTrue();
        assertThat(error.path("status").asInt()).as(error.toString()).isEqualTo(status);
        assertThat(error.path("error_code").asInt()).as(error.toString()).isEqualTo(errorCode);
    }

    private static JsonNode runPython(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(PYTHON, "-c", SCRIPT));
        cmd.addAll(List.of(args));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        String[] lines = output.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
