package dev.rotation.platform;

import static dev.rotation.platform.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotation.model.PriceBar;
import dev.rotation.model.registry.RestSchemaRegistryClient;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.registry.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry's REST semantics over real HTTP, with Kafka-backed storage. */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedPlatform.class)
class EmbeddedSchemaRegistryIntegrationTest {

    private static final String V1 =
            """
            {"type":"record","name":"Quote","namespace":"test.registry","fields":[
              {"name":"symbol","type":"string"},
              {"name":"price","type":"double"}]}""";
    private static final String V2_REQUIRED_FIELD =
            """
            {"type":"record","name":"Quote","namespace":"test.registry","fields":[
              {"name":"symbol","type":"string"},
              {"name":"price","type":"double"},
              {"name":"venue","type":"string"}]}""";
    private static final String V2_OPTIONAL_FIELD =
            """
            {"type":"record","name":"Quote","namespace":"test.registry","fields":[
              {"name":"symbol","type":"string"},
              {"name":"price","type":"double"},
              {"name":"venue","type":["null","string"],"default":null}]}""";

    private static RegistryHttp http;

    @BeforeAll
    static void connect() {
        http = new RegistryHttp(SharedPlatform.platform().registryUrl());
    }

    private static int register(String subject, String schema) {
        RegistryHttp.Reply r = http.post("/subjects/" + subject + "/versions", schemaBody(schema));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("id").asInt();
    }

    @Test
    void sameSchemaGetsSameIdInEverySubjectAndNoNewVersion() {
        String a = SharedPlatform.unique("same-a");
        String b = SharedPlatform.unique("same-b");
        int idA = register(a, V1);
        int idB = register(b, V1);
        // whitespace differs, the parsed schema does not
        int again = register(a, V1.replace("\n", " ").replace("  ", " "));

        assertThat(idA).isPositive();
        assertThat(idB).isEqualTo(idA);
        assertThat(again).isEqualTo(idA);
        assertThat(http.get("/subjects/" + a + "/versions").json()).hasSize(1);
        assertThat(http.get("/subjects").json().toString()).contains(a, b);

        RegistryHttp.Reply latest = http.get("/subjects/" + a + "/versions/latest");
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(latest.json().path("subject").asText()).isEqualTo(a);
        assertThat(latest.json().path("version").asInt()).isEqualTo(1);
        assertThat(latest.json().path("id").asInt()).isEqualTo(idA);
        assertThat(new Schema.Parser().parse(latest.json().path("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(V1));
        assertThat(
                        new Schema.Parser()
                                .parse(http.get("/subjects/" + a + "/versions/1/schema").body()))
                .isEqualTo(new Schema.Parser().parse(V1));
        assertThat(
                        new Schema.Parser()
                                .parse(
                                        http.get("/schemas/ids/" + idA)
                                                .json()
                                                .path("schema")
                                                .asText()))
                .isEqualTo(new Schema.Parser().parse(V1));
    }

    @Test
    void lookupFindsRegisteredSchemaAndRejectsUnknownOnes() {
        String subject = SharedPlatform.unique("lookup");
        int id = register(subject, V1);

        RegistryHttp.Reply found = http.post("/subjects/" + subject, schemaBody(V1));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("id").asInt()).isEqualTo(id);
        assertThat(found.json().path("version").asInt()).isEqualTo(1);

        RegistryHttp.Reply otherSchema =
                http.post("/subjects/" + subject, schemaBody(V2_OPTIONAL_FIELD));
        assertThat(otherSchema.status()).isEqualTo(404);
        assertThat(otherSchema.errorCode()).isEqualTo(40403);

        RegistryHttp.Reply noSubject =
                http.post("/subjects/" + SharedPlatform.unique("nope"), schemaBody(V1));
        assertThat(noSubject.status()).isEqualTo(404);
        assertThat(noSubject.errorCode()).isEqualTo(40401);
    }

    @Test
    void incompatibleChangeIsRefusedWith409UnderBackward() {
        String subject = SharedPlatform.unique("incompatible");
        register(subject, V1);

        RegistryHttp.Reply refused =
                http.post("/subjects/" + subject + "/versions", schemaBody(V2_REQUIRED_FIELD));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(409);
        assertThat(refused.json().path("message").asText())
                .contains("incompatible", subject, "venue");
        assertThat(http.get("/subjects/" + subject + "/versions").json()).hasSize(1);

        RegistryHttp.Reply check =
                http.post(
                        "/compatibility/subjects/" + subject + "/versions/latest",
                        schemaBody(V2_REQUIRED_FIELD));
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().path("is_compatible").asBoolean(true)).isFalse();
        RegistryHttp.Reply checkOk =
                http.post(
                        "/compatibility/subjects/" + subject + "/versions/1",
                        schemaBody(V2_OPTIONAL_FIELD));
        assertThat(checkOk.json().path("is_compatible").asBoolean(false)).isTrue();

        try (SchemaRegistryClient client =
                RestSchemaRegistryClient.builder(http.baseUrl()).build()) {
            assertThatThrownBy(
                            () ->
                                    client.register(
                                            subject, new Schema.Parser().parse(V2_REQUIRED_FIELD)))
                    .isInstanceOfSatisfying(
                            SchemaRegistryException.class,
                            e -> assertThat(e.isIncompatible()).isTrue());
        }
    }

    @Test
    void unknownIdsSubjectsAndVersionsAreNotFound() {
        RegistryHttp.Reply unknownId = http.get("/schemas/ids/987654");
        assertThat(unknownId.status()).isEqualTo(404);
        assertThat(unknownId.errorCode()).isEqualTo(40403);
        // like Confluent's Integer path parameter: not a number is no such resource
        RegistryHttp.Reply notANumber = http.get("/schemas/ids/not-a-number");
        assertThat(notANumber.status()).isEqualTo(404);
        assertThat(notANumber.errorCode()).isEqualTo(404);

        String missing = SharedPlatform.unique("missing");
        RegistryHttp.Reply unknownSubject = http.get("/subjects/" + missing + "/versions");
        assertThat(unknownSubject.status()).isEqualTo(404);
        assertThat(unknownSubject.body())
                .isEqualTo(
                        "{\"error_code\":40401,\"message\":\"Subject '"
                                + missing
                                + "' not found.\"}");
        assertThat(http.get("/subjects/" + missing + "/versions/latest").errorCode())
                .isEqualTo(40401);

        String subject = SharedPlatform.unique("versions");
        register(subject, V1);
        RegistryHttp.Reply noVersion = http.get("/subjects/" + subject + "/versions/7");
        assertThat(noVersion.status()).isEqualTo(404);
        assertThat(noVersion.errorCode()).isEqualTo(40402);
        for (String bad : new String[] {"abc", "0", "-5", "99999999999"}) {
            RegistryHttp.Reply invalid = http.get("/subjects/" + subject + "/versions/" + bad);
            assertThat(invalid.status()).as(bad).isEqualTo(422);
            assertThat(invalid.errorCode()).as(bad).isEqualTo(42202);
        }
    }

    @Test
    void badRequestsGetTheRight4xx() {
        String subject = SharedPlatform.unique("bad");
        RegistryHttp.Reply invalidSchema =
                http.post(
                        "/subjects/" + subject + "/versions", schemaBody("{\"type\":\"record\"}"));
        assertThat(invalidSchema.status()).isEqualTo(422);
        assertThat(invalidSchema.errorCode()).isEqualTo(42201);
        assertThat(
                        http.post(
                                        "/subjects/" + subject + "/versions",
                                        schemaBody("not json at all"))
                                .errorCode())
                .isEqualTo(42201);
        assertThat(http.post("/subjects/" + subject + "/versions", "{}").errorCode())
                .isEqualTo(42201);
        assertThat(
                        http.post(
                                        "/subjects/" + subject + "/versions",
                                        "{\"schema\":\"{}\",\"schemaType\":\"PROTOBUF\"}")
                                .errorCode())
                .isEqualTo(42201);

        RegistryHttp.Reply invalidJson =
                http.post("/subjects/" + subject + "/versions", "{\"schema\": ");
        assertThat(invalidJson.status()).isEqualTo(400);
        assertThat(invalidJson.errorCode()).isEqualTo(400);

        assertThat(http.get("/no/such/path").status()).isEqualTo(404);
        RegistryHttp.Reply wrongMethod = http.send("DELETE", "/subjects", null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errorCode()).isEqualTo(405);
        // nothing was stored for the subject
        assertThat(http.get("/subjects/" + subject + "/versions").errorCode()).isEqualTo(40401);
    }

    @Test
    void configCanBeReadAndChangedPerSubjectAndGlobally() {
        assertThat(http.get("/config").json().path("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");

        String subject = SharedPlatform.unique("config");
        assertThat(
                        http.get("/config/" + subject + "?defaultToGlobal=true")
                                .json()
                                .path("compatibilityLevel")
                                .asText())
                .isEqualTo("BACKWARD");
        RegistryHttp.Reply put = http.put("/config/" + subject, "{\"compatibility\":\"FULL\"}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("{\"compatibility\":\"FULL\"}");
        assertThat(http.get("/config/" + subject).json().path("compatibilityLevel").asText())
                .isEqualTo("FULL");

        try (SchemaRegistryClient client =
                RestSchemaRegistryClient.builder(http.baseUrl()).build()) {
            assertThat(client.getCompatibility(subject)).isEqualTo("FULL");
            assertThat(client.getCompatibility(SharedPlatform.unique("no-level")))
                    .isEqualTo("BACKWARD");
        }

        RegistryHttp.Reply invalid =
                http.put("/config/" + subject, "{\"compatibility\":\"SIDEWAYS\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42203);

        // NONE lets anything through, FULL refuses a field added without default
        register(subject, V1);
        assertThat(
                        http.post(
                                        "/subjects/" + subject + "/versions",
                                        schemaBody(V2_REQUIRED_FIELD))
                                .status())
                .isEqualTo(409);
        http.put("/config/" + subject, "{\"compatibility\":\"NONE\"}");
        assertThat(register(subject, V2_REQUIRED_FIELD)).isPositive();

        try {
            assertThat(http.put("/config", "{\"compatibility\":\"FORWARD\"}").body())
                    .isEqualTo("{\"compatibility\":\"FORWARD\"}");
            assertThat(http.get("/config").json().path("compatibilityLevel").asText())
                    .isEqualTo("FORWARD");
        } finally {
            http.put("/config", "{\"compatibility\":\"BACKWARD\"}");
        }
    }

    @Test
    void idsVersionsAndConfigSurviveARegistryRestart() {
        String bootstrap = SharedPlatform.platform().bootstrapServers();
        EmbeddedSchemaRegistry.Config config =
                EmbeddedSchemaRegistry.Config.defaults()
                        .withTopic(SharedPlatform.unique("_schemas-restart"));
        String subject = "prices-value";
        int v1;
        int v2;
        try (EmbeddedSchemaRegistry first = EmbeddedSchemaRegistry.start(bootstrap, config)) {
            RegistryHttp h = new RegistryHttp(first.url());
            v1 = idOf(h.post("/subjects/" + subject + "/versions", schemaBody(V1)));
            v2 = idOf(h.post("/subjects/" + subject + "/versions", schemaBody(V2_OPTIONAL_FIELD)));
            h.put("/config/" + subject, "{\"compatibility\":\"FULL_TRANSITIVE\"}");
        }
        try (EmbeddedSchemaRegistry second = EmbeddedSchemaRegistry.start(bootstrap, config)) {
            RegistryHttp h = new RegistryHttp(second.url());
            assertThat(
                            new Schema.Parser()
                                    .parse(
                                            h.get("/schemas/ids/" + v1)
                                                    .json()
                                                    .path("schema")
                                                    .asText()))
                    .isEqualTo(new Schema.Parser().parse(V1));
            assertThat(h.get("/subjects/" + subject + "/versions").json().toString())
                    .isEqualTo("[1,2]");
            assertThat(h.get("/subjects/" + subject + "/versions/latest").json().path("id").asInt())
                    .isEqualTo(v2);
            assertThat(h.get("/config/" + subject).json().path("compatibilityLevel").asText())
                    .isEqualTo("FULL_TRANSITIVE");
            // the same schema keeps its id; a new one gets a fresh id
            assertThat(idOf(h.post("/subjects/" + subject + "/versions", schemaBody(V1))))
                    .isEqualTo(v1);
            int other =
                    idOf(
                            h.post(
                                    "/subjects/other-value/versions",
                                    schemaBody(PriceBar.getClassSchema().toString())));
            assertThat(other).isGreaterThan(v2);
        }
    }

    @Test
    void basicAuthIsEnforcedWhenConfigured() {
        EmbeddedSchemaRegistry.Config config =
                EmbeddedSchemaRegistry.Config.defaults()
                        .withTopic(SharedPlatform.unique("_schemas-auth"))
                        .withBasicAuth("desk:s3cret");
        assertThat(config.toString()).doesNotContain("s3cret");
        try (EmbeddedSchemaRegistry secured =
                EmbeddedSchemaRegistry.start(
                        SharedPlatform.platform().bootstrapServers(), config)) {
            RegistryHttp.Reply anonymous = new RegistryHttp(secured.url()).get("/subjects");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.errorCode()).isEqualTo(401);
            assertThat(
                            new RegistryHttp(secured.url(), basic("desk:wrong"))
                                    .get("/subjects")
                                    .status())
                    .isEqualTo(401);
            RegistryHttp.Reply ok =
                    new RegistryHttp(secured.url(), basic("desk:s3cret")).get("/subjects");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("[]");

            try (SchemaRegistryClient client =
                    RestSchemaRegistryClient.builder(secured.url())
                            .basicAuth("desk:s3cret")
                            .build()) {
                int id = client.register("auth-value", PriceBar.getClassSchema());
                assertThat(client.getById(id)).isEqualTo(PriceBar.getClassSchema());
            }
        }
    }

    private static String basic(String userInfo) {
        return "Basic "
                + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static int idOf(RegistryHttp.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("id").asInt();
    }
}
